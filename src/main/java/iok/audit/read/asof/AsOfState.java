package iok.audit.read.asof;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import iok.finance.BalancePolicy;
import iok.finance.Money;
import iok.platform.axon.EventNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.axonframework.common.DateTimeUtils;

/**
 * What an account's zones showed at a moment, computed by replaying the stored events written up to it —
 * never from today's read models: its status (locked, blocked, regulations accepted), the premises it held
 * that day, the balance of each as the ledger knew it then, and each of their meters' last reading.
 */
public final class AsOfState {

  private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");
  private static final String UP_TO = """
      SELECT aggregateidentifier, payloadtype, payload FROM domainevententry
      WHERE %s AND timestamp <= ? ORDER BY globalindex""";

  private final DataSource dataSource;

  public AsOfState(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  private record Stored(String aggregateId, String type, JsonObject payload) {}

  public JsonObject of(String cooperativeId, String accountId, Instant asOf) {
    String upTo = DateTimeUtils.formatInstant(asOf);
    LocalDate day = LocalDate.ofInstant(asOf, WARSAW);
    try (Connection c = dataSource.getConnection()) {
      JsonObject status = status(read(c, "aggregateidentifier = ?", upTo, accountId),
          read(c, "aggregateidentifier = ?", upTo, cooperativeId));
      // every title the account was granted, as last changed by then; the premises' details as known then
      Map<String, JsonObject> titles = new LinkedHashMap<>();
      Map<String, String> premisesOfTitle = new LinkedHashMap<>();
      for (Stored e : read(c, "aggregateidentifier LIKE ? AND payloadtype ~ '(TitleGranted|TitleChanged)$'"
          + " AND payload::jsonb -> 'title' ->> 'accountId' = ?", upTo, cooperativeId + ":premises:%", accountId)) {
        JsonObject title = e.payload().getJsonObject("title");
        titles.put(title.getString("booksId"), title);
        premisesOfTitle.put(title.getString("booksId"), e.aggregateId());
      }
      JsonArray premises = new JsonArray();
      JsonArray meters = new JsonArray();
      for (var t : titles.entrySet()) {
        JsonObject title = t.getValue();
        LocalDate from = LocalDate.parse(title.getString("from"));
        LocalDate until = title.getString("until") == null ? null : LocalDate.parse(title.getString("until"));
        if (from.isAfter(day) || (until != null && until.isBefore(day))) continue;
        String premisesAggregate = premisesOfTitle.get(t.getKey());
        String premisesId = premisesAggregate.substring(premisesAggregate.indexOf(":premises:") + ":premises:".length());
        JsonObject details = null;
        for (Stored e : read(c, "aggregateidentifier = ? AND payloadtype ~ '(PremisesRegistered|PremisesDetailsChanged)$'",
            upTo, premisesAggregate)) {
          details = e.payload().getJsonObject("details");
        }
        BalancePolicy.Balance b = BalancePolicy.asOf(day,
            entries(read(c, "aggregateidentifier = ?", upTo, cooperativeId + ":ledger:" + t.getKey())));
        premises.add(new JsonObject().put("premisesId", premisesId).put("titleId", t.getKey())
            .put("address", details == null ? null : details.getString("address"))
            .put("number", details == null ? null : details.getString("number"))
            .put("dueNow", b.dueNow().toString()).put("notYetDue", b.notYetDue().toString())
            .put("overpayment", b.overpayment().toString()).put("balance", b.balance().toString()));
        lastReadings(c, upTo, cooperativeId, premisesId).forEach(meters::add);
      }
      return new JsonObject().put("accountId", accountId).put("asOf", asOf.toString()).put("day", day.toString())
          .put("status", status).put("premises", premises).put("meters", meters);
    } catch (SQLException e) {
      throw new IllegalStateException("the event store could not be read: " + e.getMessage(), e);
    }
  }

  private static JsonObject status(List<Stored> account, List<Stored> cooperative) {
    boolean locked = false;
    boolean blocked = false;
    boolean mustChangePassword = false;
    String accepted = null;
    String current = null;
    boolean exists = false;
    for (Stored e : account) {
      switch (e.type()) {
        case "AccountRegistered" -> {
          exists = true;
          mustChangePassword = e.payload().getBoolean("mustChangePassword", false);
        }
        case "AccountLocked" -> locked = true;
        case "AccountUnlocked" -> locked = false;
        case "InitialPasswordIssued" -> {
          locked = false;
          mustChangePassword = true;
        }
        case "PasswordChanged" -> mustChangePassword = false;
        case "AccountBlocked" -> blocked = true;
        case "AccountUnblocked" -> blocked = false;
        case "RegulationsAccepted" -> accepted = e.payload().getString("version");
        default -> { }
      }
    }
    for (Stored e : cooperative) {
      if (e.type().equals("RegulationsPublished")) current = e.payload().getString("version");
    }
    return new JsonObject().put("registered", exists).put("locked", locked).put("blocked", blocked)
        .put("mustChangePassword", mustChangePassword).put("regulationsVersion", current)
        .put("acceptedRegulationsVersion", accepted)
        .put("regulationsAccepted", current == null || current.equals(accepted));
  }

  private static List<BalancePolicy.Entry> entries(List<Stored> ledger) {
    List<BalancePolicy.Entry> entries = new ArrayList<>();
    for (Stored e : ledger) {
      JsonObject p = e.payload();
      switch (e.type()) {
        case "ChargeBooked" -> entries.add(new BalancePolicy.Entry(BalancePolicy.Entry.Kind.CHARGE,
            YearMonth.parse(p.getString("month")), LocalDate.parse(p.getString("dueDate")), Money.parse(p.getString("amount"))));
        case "PaymentMade" -> entries.add(entry(BalancePolicy.Entry.Kind.PAYMENT, p.getString("paidOn"),
            Money.parse(p.getString("amount")).negate()));
        case "CorrectionBooked" -> entries.add(entry(BalancePolicy.Entry.Kind.CORRECTION, p.getString("date"),
            Money.parse(p.getString("amount"))));
        case "InterestBooked" -> entries.add(entry(BalancePolicy.Entry.Kind.INTEREST, p.getString("date"),
            Money.parse(p.getString("amount"))));
        default -> { }
      }
    }
    return entries;
  }

  private static BalancePolicy.Entry entry(BalancePolicy.Entry.Kind kind, String date, Money debt) {
    LocalDate d = LocalDate.parse(date);
    return new BalancePolicy.Entry(kind, YearMonth.from(d), d, debt);
  }

  /** Each meter of the premises with its last reading (by reading date) as it stood then. */
  private static List<JsonObject> lastReadings(Connection c, String upTo, String cooperativeId, String premisesId)
      throws SQLException {
    List<JsonObject> meters = new ArrayList<>();
    for (Stored registered : read(c, "payloadtype ~ 'MeterRegistered$' AND payload::jsonb ->> 'cooperativeId' = ?"
        + " AND payload::jsonb ->> 'premisesId' = ?", upTo, cooperativeId, premisesId)) {
      String meterId = registered.payload().getString("meterId");
      Map<String, JsonObject> readings = new TreeMap<>();
      JsonObject p0 = registered.payload();
      if (p0.getString("initialValue") != null) {
        readings.put(p0.getString("installationReadingId"), new JsonObject().put("readAt", p0.getString("installedOn"))
            .put("value", p0.getString("initialValue")).put("status", "accepted"));
      }
      boolean removed = false;
      for (Stored e : read(c, "aggregateidentifier = ?", upTo, registered.aggregateId())) {
        JsonObject p = e.payload();
        switch (e.type()) {
          case "ReadingSubmitted" -> readings.put(p.getString("readingId"), new JsonObject().put("readAt", p.getString("readAt"))
              .put("value", p.getString("value")).put("status", p.getValue("jump") == null ? "submitted" : "flagged"));
          case "ReadingAccepted" -> {
            JsonObject r = readings.get(p.getString("readingId"));
            if (r != null) r.put("status", "accepted");
          }
          case "ReadingCorrected" -> {
            JsonObject r = readings.get(p.getString("readingId"));
            if (r != null) r.put("value", p.getString("to")).put("status", "corrected");
          }
          case "MeterRemoved" -> {
            removed = true;
            if (p.getString("finalValue") != null && p.getString("finalReadingId") != null) {
              readings.put(p.getString("finalReadingId"), new JsonObject().put("readAt", p.getString("removedOn"))
                  .put("value", p.getString("finalValue")).put("status", "accepted"));
            }
          }
          default -> { }
        }
      }
      JsonObject last = readings.values().stream().max(Comparator.comparing(r -> LocalDate.parse(r.getString("readAt"))))
          .orElse(null);
      meters.add(new JsonObject().put("meterId", meterId).put("premisesId", premisesId)
          .put("kind", p0.getString("kind")).put("removed", removed).put("lastReading", last));
    }
    return meters;
  }

  private static List<Stored> read(Connection c, String where, String upTo, Object... params) throws SQLException {
    List<Stored> events = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(UP_TO.formatted(where))) {
      int i = 1;
      for (Object p : params) s.setObject(i++, p);
      s.setString(i, upTo);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String type = rs.getString(2);
          events.add(new Stored(rs.getString(1), EventNames.shortName(type),
              new JsonObject(rs.getString(3))));
        }
      }
    }
    return events;
  }
}
