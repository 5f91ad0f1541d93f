package iok.notifications.automation.remind;

import iok.finance.BalancePolicy;
import iok.finance.Money;
import iok.notifications.Reminder;
import iok.notifications.Reminder.RemindOfMissingPayment;
import iok.notifications.Reminder.RemindOfReadingWindow;
import iok.platform.axon.Metadata;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/**
 * One pass of the reminder scheduler: reads the cooperatives' reading windows and the ledgers of today's
 * titles, and asks for a reminder wherever one is due. Asking twice is harmless — a {@link Reminder} is
 * issued once — so a pass may run as often as wished, on any node, and catch up after downtime.
 */
public final class ReminderRun {

  private static final String LEDGERS = """
      SELECT t.cooperative_id, t.title_id, t.premises_id, t.account_id, e.kind, e.month, e.entry_date, e.debt::text,
             c.payment_grace_days
      FROM title_view t
      JOIN cooperative c ON c.cooperative_id = t.cooperative_id
      JOIN premises_view p ON p.cooperative_id = t.cooperative_id AND p.premises_id = t.premises_id
      JOIN ledger_entry e ON e.cooperative_id = t.cooperative_id AND e.title_id = t.title_id
      WHERE t.valid_from <= ? AND (t.valid_until IS NULL OR t.valid_until >= ?)
        AND c.zones @> CASE WHEN p.community IS NULL THEN '["finance"]' ELSE '["community-finance"]' END::jsonb
      ORDER BY t.cooperative_id, t.title_id""";
  private static final String WINDOWS = """
      SELECT w.cooperative_id, w.opens_on, w.closes_on FROM meters_reading_window w
      JOIN cooperative c ON c.cooperative_id = w.cooperative_id
      WHERE w.opens_on - c.reading_notice_days <= ? AND w.closes_on >= ? AND c.zones @> '["meters"]'::jsonb""";

  private final DataSource dataSource;
  private final Supplier<CommandGateway> commands;
  private final Clock clock;

  public ReminderRun(DataSource dataSource, Supplier<CommandGateway> commands, Clock clock) {
    this.dataSource = dataSource;
    this.commands = commands;
    this.clock = clock;
  }

  /** Answers how many reminders this pass issued. */
  public int run() {
    LocalDate today = LocalDate.now(clock);
    int issued = 0;
    try (Connection c = dataSource.getConnection()) {
      for (Object command : missingPayments(c, today)) issued += send(command);
      for (Object command : readingWindows(c, today)) issued += send(command);
    } catch (SQLException e) {
      throw new IllegalStateException("reminder pass failed: " + e.getMessage(), e);
    }
    return issued;
  }

  private record Title(String cooperativeId, String titleId, String premisesId, String accountId, int graceDays,
                       List<BalancePolicy.Entry> entries) {}

  private static List<Object> missingPayments(Connection c, LocalDate today) throws SQLException {
    Map<String, Title> titles = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement(LEDGERS)) {
      s.setDate(1, Date.valueOf(today));
      s.setDate(2, Date.valueOf(today));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Title title = titles.computeIfAbsent(rs.getString(1) + "\n" + rs.getString(2), k -> {
            try {
              return new Title(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(9),
                  new ArrayList<>());
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          });
          LocalDate date = rs.getDate(7).toLocalDate();
          title.entries().add(new BalancePolicy.Entry(
              BalancePolicy.Entry.Kind.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)),
              rs.getString(6) == null ? YearMonth.from(date) : YearMonth.parse(rs.getString(6)), date,
              Money.parse(rs.getString(8))));
        }
      }
    }
    List<Object> commands = new ArrayList<>();
    for (Title t : titles.values()) {
      MissingPaymentPolicy.missing(today, t.graceDays(), t.entries()).ifPresent(owed -> commands.add(new RemindOfMissingPayment(
          Reminder.payment(t.cooperativeId(), t.titleId(), today), t.cooperativeId(), t.titleId(), t.premisesId(),
          t.accountId(), owed, today)));
    }
    return commands;
  }

  private static List<Object> readingWindows(Connection c, LocalDate today) throws SQLException {
    List<Object> commands = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(WINDOWS)) {
      s.setDate(1, Date.valueOf(today));
      s.setDate(2, Date.valueOf(today));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          LocalDate opens = rs.getDate(2).toLocalDate();
          commands.add(new RemindOfReadingWindow(Reminder.reading(rs.getString(1), opens), rs.getString(1), opens,
              rs.getDate(3).toLocalDate(), today));
        }
      }
    }
    return commands;
  }

  private int send(Object command) {
    String cooperative = command instanceof RemindOfMissingPayment p ? p.cooperativeId()
        : ((RemindOfReadingWindow) command).cooperativeId();
    MetaData meta = MetaData.with(Metadata.ACTOR_ROLE, "system").and(Metadata.ACTOR_LOGIN, "reminders")
        .and(Metadata.COOPERATIVE, cooperative);
    Boolean issued = commands.get().sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(meta));
    return Boolean.TRUE.equals(issued) ? 1 : 0;
  }
}
