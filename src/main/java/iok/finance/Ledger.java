package iok.finance;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import iok.platform.domain.Refusal;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * One holder's ledger card for one premises. An entry the books send again is not booked again; one
 * sent again with other values is refused, because the books never rewrite a booked entry: they correct it.
 */
public class Ledger {

  @AggregateIdentifier
  private String ledgerId;
  // entry id -> the booked entry's full content; plain strings keep the snapshot plain too
  private final Map<String, String> entries = new HashMap<>();

  /** A ledger with nothing booked yet; the first entry gives it its id. */
  public Ledger() {}

  public static String id(String cooperativeId, String titleId) {
    return cooperativeId + ":ledger:" + titleId;
  }

  /** Answers whether it was news. */
  public boolean book(LedgerEvent entry) {
    String known = entries.get(entry.entryId());
    if (entry.toString().equals(known)) return false;
    if (known != null) {
      throw new Refusal(Refusal.Kind.CONFLICT, "entry_rewritten",
          "Entry " + entry.entryId() + " was booked before with other values; the books correct, they do not rewrite");
    }
    apply(entry);
    return true;
  }

  @EventSourcingHandler
  void on(LedgerEvent event) {
    ledgerId = event.ledgerId();
    entries.put(event.entryId(), event.toString());
  }
}
