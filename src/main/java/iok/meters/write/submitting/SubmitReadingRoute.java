package iok.meters.write.submitting;

import iok.cooperative.read.zones.ZoneGate;
import iok.cooperative.Zone;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import iok.meters.Meter;
import iok.meters.Volume;
import iok.meters.read.meterbook.MeterProjection;
import iok.meters.write.MeterFields;
import iok.platform.auth.Session;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;
import iok.platform.http.Bodies;
import iok.platform.http.Commands;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

/**
 * {@code POST /api/meters/{meterId}/readings}: the resident who holds title to the meter's premises
 * today submits a reading. Anyone else, staff included, is told the meter does not exist.
 */
public final class SubmitReadingRoute {

  private static final String HOLDS = """
      SELECT 1 FROM meter_view m JOIN title_view t ON t.cooperative_id = m.cooperative_id AND t.premises_id = m.premises_id
      WHERE m.meter_id = $1 AND m.cooperative_id = $2 AND t.account_id = $3
        AND t.valid_from <= $4 AND (t.valid_until IS NULL OR t.valid_until >= $4)""";

  /** {@code readAt} defaults to today. */
  record Body(String value, String readAt) {
    Body {
      value = MeterFields.volume(value, "value").toString();
      readAt = readAt == null ? null : MeterFields.date(readAt, "readAt").toString();
    }
  }

  private SubmitReadingRoute() {}

  public static void mount(Api api, Pool pool, Commands commands, ReadYourWrites reads, ZoneGate zones, Clock clock) {
    api.route(HttpMethod.POST, "/api/meters/:meterId/readings", Access.SIGNED_IN, zones.only(Zone.METERS, ctx -> {
      Body b = Bodies.read(ctx, Body.class);
      Session s = Api.session(ctx);
      String meterId = Api.pathId(ctx, "meterId", "Meter");
      LocalDate today = LocalDate.now(clock);
      String readingId = UUID.randomUUID().toString();
      pool.preparedQuery(HOLDS).execute(Tuple.of(meterId, s.cooperativeId(), s.accountId(), today)).map(rows -> {
            if (!rows.iterator().hasNext()) throw new ApiError(404, "not_found", "Meter not found");
            return null;
          })
          .compose(v -> commands.<Meter.Submitted>send(ctx, new Meter.SubmitReading(meterId, s.cooperativeId(),
              s.accountId(), readingId, Volume.parse(b.value()), b.readAt() == null ? today : LocalDate.parse(b.readAt()))))
          .compose(submitted -> reads.await(MeterProjection.VERSION_QUERY, meterId, submitted.sequence())
              .onSuccess(v -> Api.json(ctx, 201, new JsonObject().put("readingId", readingId)
                  .put("status", submitted.status().code()))))
          .onFailure(ctx::fail);
    }));
  }
}
