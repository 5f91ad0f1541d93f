package iok.meters.write.review;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.meters.Meter;
import iok.meters.Volume;
import iok.meters.read.meterbook.MeterProjection;
import iok.meters.write.MeterFields;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;
import iok.platform.http.Bodies;
import iok.platform.http.Commands;
import iok.platform.http.Fields;

/** The administrator accepts a resident's reading as it is, or corrects it with a comment the resident reads. */
public final class ReadingReviewRoutes {

  private static final String METER_OF = "SELECT meter_id FROM meter_reading WHERE reading_id = $1 AND cooperative_id = $2";

  record CorrectionBody(String value, String comment) {
    CorrectionBody {
      value = MeterFields.volume(value, "value").toString();
      comment = Fields.text(comment, "comment", 2_000);
    }
  }

  private ReadingReviewRoutes() {}

  public static void mount(Api api, Pool pool, Commands commands, ReadYourWrites reads) {
    api.route(HttpMethod.POST, "/api/admin/readings/:readingId/acceptance", Access.ADMIN, ctx ->
        review(ctx, pool, commands, reads, (meterId, coop, readingId) -> new Meter.AcceptReading(meterId, coop, readingId)));
    api.route(HttpMethod.POST, "/api/admin/readings/:readingId/correction", Access.ADMIN, ctx -> {
      CorrectionBody b = Bodies.read(ctx, CorrectionBody.class);
      review(ctx, pool, commands, reads, (meterId, coop, readingId) -> new Meter.CorrectReading(meterId, coop, readingId,
          Volume.parse(b.value()), b.comment()));
    });
  }

  private interface Decision {
    Object command(String meterId, String cooperativeId, String readingId);
  }

  private static void review(RoutingContext ctx, Pool pool, Commands commands, ReadYourWrites reads, Decision decision) {
    String readingId = Api.pathId(ctx, "readingId", "Reading");
    String cooperativeId = Api.session(ctx).cooperativeId();
    pool.preparedQuery(METER_OF).execute(Tuple.of(readingId, cooperativeId))
        .map(rows -> {
          if (!rows.iterator().hasNext()) throw new ApiError(404, "not_found", "Reading not found");
          Row row = rows.iterator().next();
          return row.getString(0);
        })
        .compose(meterId -> commands.<Long>send(ctx, decision.command(meterId, cooperativeId, readingId))
            .compose(sequence -> reads.await(MeterProjection.VERSION_QUERY, meterId, sequence)))
        .onSuccess(v -> Api.noContent(ctx))
        .onFailure(ctx::fail);
  }
}
