package iok.meters.read.meterbook;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.meters.ReadingStatus;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

/** What the administrator reviews and keeps: the cooperative's meters, readings by status, the reading windows. */
public final class MeterAdminRoutes {

  private static final String METERS = """
      SELECT m.*, p.address, p.number AS premises_number, l.read_at AS last_read_at, l.value::text AS last_value,
             l.status AS last_status
      FROM meter_view m
      LEFT JOIN premises_view p ON p.cooperative_id = m.cooperative_id AND p.premises_id = m.premises_id
      LEFT JOIN LATERAL (SELECT read_at, value, status FROM meter_reading r WHERE r.meter_id = m.meter_id
                         ORDER BY position DESC LIMIT 1) l ON true
      WHERE m.cooperative_id = $1
      ORDER BY p.address, p.number, m.premises_id, m.installed_on, m.kind LIMIT 5000""";
  /** Without a status: every reading that waits for review, flagged or not. */
  private static final String READINGS = """
      SELECT r.reading_id, r.meter_id, r.read_at, r.value::text AS value, r.submitted_value::text AS submitted_value,
             r.source, r.status, r.comment, r.submitted_at, r.reviewed_at, r.per_day::text AS per_day,
             r.usual_per_day::text AS usual_per_day, m.premises_id, m.kind, m.number, m.place, p.address,
             p.number AS premises_number, prev.value::text AS previous_value, prev.read_at AS previous_read_at
      FROM meter_reading r JOIN meter_view m ON m.meter_id = r.meter_id
      LEFT JOIN premises_view p ON p.cooperative_id = m.cooperative_id AND p.premises_id = m.premises_id
      LEFT JOIN LATERAL (SELECT value, read_at FROM meter_reading q WHERE q.meter_id = r.meter_id
                         AND q.position < r.position ORDER BY q.position DESC LIMIT 1) prev ON true
      WHERE r.cooperative_id = $1 AND r.source = 'resident'
        AND (r.status = $2::text OR ($2::text IS NULL AND r.status IN ('submitted', 'flagged')))
      ORDER BY r.submitted_at LIMIT 500""";

  private MeterAdminRoutes() {}

  public static void mount(Api api, Pool pool, Clock clock) {
    api.route(HttpMethod.GET, "/api/admin/meters", Access.ADMIN, ctx -> {
      LocalDate today = LocalDate.now(clock);
      pool.preparedQuery(METERS).execute(Tuple.of(Api.session(ctx).cooperativeId())).onSuccess(rows -> {
        JsonArray meters = new JsonArray();
        for (Row r : rows) {
          meters.add(MeterRoutes.meter(r)
              .put("legalisedUntil", r.getLocalDate("legalised_until").toString())
              .put("installedOn", r.getLocalDate("installed_on").toString())
              .put("status", MeterRoutes.status(r.getLocalDate("legalised_until"), r.getLocalDate("removed_on"), today))
              .put("lastReading", r.getLocalDate("last_read_at") == null ? null : new JsonObject()
                  .put("readAt", r.getLocalDate("last_read_at").toString())
                  .put("value", r.getString("last_value"))
                  .put("status", r.getString("last_status"))));
        }
        Api.json(ctx, 200, new JsonObject().put("meters", meters));
      }).onFailure(ctx::fail);
    });
    api.route(HttpMethod.GET, "/api/admin/readings", Access.ADMIN, ctx -> {
      String status = ctx.request().getParam("status");
      if (status != null) {
        try {
          status = ReadingStatus.of(status).code();
        } catch (IllegalArgumentException e) {
          throw new ApiError(400, "invalid_field", "Query 'status' is submitted, flagged, accepted or corrected",
              Map.of("field", "status"));
        }
      }
      pool.preparedQuery(READINGS).execute(Tuple.of(Api.session(ctx).cooperativeId(), status)).onSuccess(rows -> {
        JsonArray readings = new JsonArray();
        for (Row r : rows) {
          readings.add(MeterRoutes.meter(r).mergeIn(MeterRoutes.reading(r))
              .put("previous", r.getLocalDate("previous_read_at") == null ? null : new JsonObject()
                  .put("readAt", r.getLocalDate("previous_read_at").toString())
                  .put("value", r.getString("previous_value")))
              .put("jump", r.getString("per_day") == null ? null : new JsonObject()
                  .put("perDay", r.getString("per_day")).put("usualPerDay", r.getString("usual_per_day"))));
        }
        Api.json(ctx, 200, new JsonObject().put("readings", readings));
      }).onFailure(ctx::fail);
    });
    api.route(HttpMethod.GET, "/api/admin/settings/readings", Access.ADMIN, ctx ->
        pool.preparedQuery(MeterRoutes.WINDOWS).execute(Tuple.of(Api.session(ctx).cooperativeId()))
            .onSuccess(rows -> Api.json(ctx, 200, new JsonObject().put("windows", new JsonArray(
                MeterRoutes.windows(rows).stream().map(MeterRoutes::window).toList()))))
            .onFailure(ctx::fail));
  }
}
