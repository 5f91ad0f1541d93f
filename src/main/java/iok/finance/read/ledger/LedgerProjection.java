package iok.finance.read.ledger;

import iok.finance.LedgerEvent;
import iok.finance.LedgerEvent.ChargeBooked;
import iok.finance.LedgerEvent.CorrectionBooked;
import iok.finance.LedgerEvent.InterestBooked;
import iok.finance.LedgerEvent.PaymentMade;
import iok.finance.Money;
import iok.platform.db.Jdbc;
import iok.platform.db.ReadModel;
import iok.platform.push.Audience;
import iok.platform.push.PushFeed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Ledger entries as booked; a replayed entry is the same row (its key is the books' id). Each title
 * whose ledger changed in a processed batch is told once, before the batch commits, as
 * {@code finance.balance-changed} to its holder: a year of entries is one message, not hundreds.
 */
@ProcessingGroup(LedgerProjection.PROCESSOR)
public final class LedgerProjection {

  public static final String PROCESSOR = "finance";
  public static final ReadModel READ_MODEL = new ReadModel(PROCESSOR, 1, "/iok/finance/schema.sql",
      List.of("ledger_entry"));

  private static final String INSERT = """
      INSERT INTO ledger_entry (cooperative_id, title_id, entry_id, kind, component, month, entry_date, amount, debt,
                                description, source)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";
  private static final String CHANGED = "iok.finance.changed-titles";

  private final Jdbc jdbc;
  private final PushFeed push;

  public LedgerProjection(Jdbc jdbc, PushFeed push) {
    this.jdbc = jdbc;
    this.push = push;
  }

  @EventHandler
  void on(LedgerEvent event, EventMessage<?> message, ReplayStatus replay) {
    switch (event) {
      case ChargeBooked e -> insert(e, "charge", e.component(), e.month().toString(), e.dueDate(), e.amount(), e.amount(),
          null, null);
      case PaymentMade e -> insert(e, "payment", null, null, e.paidOn(), e.amount(), e.amount().negate(), null, e.source());
      case CorrectionBooked e -> insert(e, "correction", null, null, e.date(), e.amount(), e.amount(), e.description(),
          null);
      case InterestBooked e -> insert(e, "interest", null, null, e.date(), e.amount(), e.amount(), null, null);
    }
    if (!replay.isReplay()) changed(event, message.getIdentifier());
  }

  private void insert(LedgerEvent e, String kind, String component, String month, java.time.LocalDate date, Money amount,
                      Money debt, String description, String source) {
    String[] id = e.ledgerId().split(":ledger:", 2);
    jdbc.batched(INSERT, id[0], id[1], e.entryId(), kind, component, month, date, amount.amount(), debt.amount(),
        description, source);
  }

  /** Remembers the title for this batch; the first one registers the telling before commit. */
  private void changed(LedgerEvent event, String eventId) {
    UnitOfWork<?> root = CurrentUnitOfWork.get().root();
    Map<String, String> titles = root.getOrComputeResource(CHANGED, key -> {
      Map<String, String> fresh = new LinkedHashMap<>();
      root.onPrepareCommit(u -> fresh.forEach(this::tell));
      return fresh;
    });
    titles.put(event.ledgerId(), eventId);
  }

  private void tell(String ledgerId, String lastEventId) {
    String[] id = ledgerId.split(":ledger:", 2);
    String[] holder = jdbc.queryOne("SELECT account_id, premises_id FROM books_title WHERE cooperative_id = ? AND title_id = ?",
        rs -> new String[] {rs.getString(1), rs.getString(2)}, id[0], id[1]);
    if (holder == null) return;
    push.publish(Audience.account(id[0], holder[0]), "finance.balance-changed", Map.of("premisesId", holder[1]),
        lastEventId);
  }

  @ResetHandler
  void reset() {
    jdbc.update("DELETE FROM ledger_entry");
  }
}
