package iok.meters.read.meterbook;

import iok.cooperative.read.zones.ZoneGate;
import iok.cooperative.Zone;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.meters.LegalisationPolicy;
import iok.meters.ReadingWindow;
import iok.meters.ReadingWindowPolicy;
import iok.platform.auth.Session;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/meters}: the meters of the premises the person holds today, each with the readings
 * of their own time there, consumption per period and what may be done now; and the cooperative's
 * current and next reading window. Readings from before the person's title began stay the previous
 * holder's.
 */
public final class MeterRoutes {

  private static final String METERS = """
      WITH held AS (
        SELECT premises_id, min(valid_from) AS since FROM title_view
        WHERE cooperative_id = $1 AND account_id = $2 AND valid_from <= $3 AND (valid_until IS NULL OR valid_until >= $3)
        GROUP BY premises_id)
      SELECT m.meter_id, m.premises_id, m.kind, m.number, m.place, m.legalised_until, m.installed_on, m.removed_on,
             m.replaces, m.replaced_by, p.address, p.number AS premises_number,
             r.reading_id, r.read_at, r.value::text AS value, r.submitted_value::text AS submitted_value, r.source,
             r.status, r.comment, r.submitted_at, r.reviewed_at
      FROM held h JOIN meter_view m ON m.cooperative_id = $1 AND m.premises_id = h.premises_id
      LEFT JOIN premises_view p ON p.cooperative_id = $1 AND p.premises_id = h.premises_id
      LEFT JOIN meter_reading r ON r.meter_id = m.meter_id AND r.read_at >= h.since
      WHERE m.removed_on IS NULL OR m.removed_on >= h.since
      ORDER BY p.address, p.number, m.premises_id, m.installed_on, m.kind, m.meter_id, r.position
      LIMIT 5000""";
  static final String WINDOWS = """
      SELECT opens_on, closes_on, mandatory FROM meters_reading_window WHERE cooperative_id = $1 ORDER BY opens_on""";

  private MeterRoutes() {}

  public static void mount(Api api, Pool pool, ZoneGate zones, Clock clock) {
    api.route(HttpMethod.GET, "/api/meters", Access.SIGNED_IN, zones.only(Zone.METERS, ctx -> {
      Session s = Api.session(ctx);
      LocalDate today = LocalDate.now(clock);
      pool.preparedQuery(WINDOWS).execute(Tuple.of(s.cooperativeId())).map(MeterRoutes::windows)
          .compose(windows -> pool.preparedQuery(METERS).execute(Tuple.of(s.cooperativeId(), s.accountId(), today))
              .map(rows -> meters(rows, windows, today)
                  .put("windows", windowsNow(windows, today))))
          .onSuccess(body -> Api.json(ctx, 200, body))
          .onFailure(ctx::fail);
    }));
  }

  private static JsonObject meters(Iterable<Row> rows, List<ReadingWindow> windows, LocalDate today) {
    Map<String, JsonObject> meters = new LinkedHashMap<>();
    Map<String, List<Consumption.Reading>> series = new LinkedHashMap<>();
    boolean windowAdmits = ReadingWindowPolicy.admits(windows, today, today);
    for (Row r : rows) {
      String meterId = r.getString("meter_id");
      JsonObject meter = meters.computeIfAbsent(meterId, id -> {
        String status = status(r.getLocalDate("legalised_until"), r.getLocalDate("removed_on"), today);
        return meter(r)
            .put("legalisedUntil", r.getLocalDate("legalised_until").toString())
            .put("installedOn", r.getLocalDate("installed_on").toString())
            .put("removedOn", text(r.getLocalDate("removed_on")))
            .put("replaces", r.getString("replaces"))
            .put("replacedBy", r.getString("replaced_by"))
            .put("status", status)
            .put("mayReadNow", (status.equals("active") || status.equals("legalisation-expiring")) && windowAdmits)
            .put("readings", new JsonArray());
      });
      if (r.getString("reading_id") == null) continue;
      meter.getJsonArray("readings").add(reading(r));
      series.computeIfAbsent(meterId, id -> new ArrayList<>())
          .add(new Consumption.Reading(r.getLocalDate("read_at"), new BigDecimal(r.getString("value"))));
    }
    meters.forEach((id, meter) -> meter.put("consumption", new JsonArray(Consumption.of(series.getOrDefault(id, List.of()))
        .stream().map(p -> new JsonObject().put("period", p.period().toString()).put("from", p.from().toString())
            .put("to", p.to().toString()).put("days", p.days()).put("used", p.used().toPlainString())).toList())));
    return new JsonObject().put("meters", new JsonArray(new ArrayList<>(meters.values())));
  }

  /** Which meter a row is about, and where it is. */
  static JsonObject meter(Row r) {
    return new JsonObject()
        .put("meterId", r.getString("meter_id"))
        .put("premisesId", r.getString("premises_id"))
        .put("address", r.getString("address"))
        .put("premisesNumber", r.getString("premises_number"))
        .put("kind", r.getString("kind"))
        .put("number", r.getString("number"))
        .put("place", r.getString("place"));
  }

  static JsonObject reading(Row r) {
    return new JsonObject()
        .put("readingId", r.getString("reading_id"))
        .put("readAt", r.getLocalDate("read_at").toString())
        .put("value", r.getString("value"))
        .put("submittedValue", r.getString("submitted_value"))
        .put("source", r.getString("source"))
        .put("status", r.getString("status"))
        .put("comment", r.getString("comment"))
        .put("submittedAt", text(r.getOffsetDateTime("submitted_at")))
        .put("reviewedAt", text(r.getOffsetDateTime("reviewed_at")));
  }

  static String status(LocalDate legalisedUntil, LocalDate removedOn, LocalDate today) {
    if (removedOn != null) return "removed";
    if (!LegalisationPolicy.covers(legalisedUntil, today)) return "legalisation-expired";
    if (LegalisationPolicy.expiresSoon(legalisedUntil, today)) return "legalisation-expiring";
    return "active";
  }

  static List<ReadingWindow> windows(Iterable<Row> rows) {
    List<ReadingWindow> windows = new ArrayList<>();
    for (Row r : rows) {
      windows.add(new ReadingWindow(r.getLocalDate("opens_on"), r.getLocalDate("closes_on"), r.getBoolean("mandatory")));
    }
    return windows;
  }

  private static JsonObject windowsNow(List<ReadingWindow> windows, LocalDate today) {
    return new JsonObject()
        .put("mandatory", windows.stream().anyMatch(ReadingWindow::mandatory))
        .put("current", ReadingWindowPolicy.current(windows, today).map(MeterRoutes::window).orElse(null))
        .put("next", ReadingWindowPolicy.next(windows, today).map(MeterRoutes::window).orElse(null));
  }

  public static JsonObject window(ReadingWindow w) {
    return new JsonObject().put("opensOn", w.opensOn().toString()).put("closesOn", w.closesOn().toString())
        .put("mandatory", w.mandatory());
  }

  private static String text(Object value) {
    return value == null ? null : value instanceof OffsetDateTime t ? t.toString() : value.toString();
  }
}
