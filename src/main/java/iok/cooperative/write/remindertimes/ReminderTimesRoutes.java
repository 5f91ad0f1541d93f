package iok.cooperative.write.remindertimes;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.cooperative.ReminderTimes;
import iok.cooperative.read.regulations.CooperativeProjection;
import iok.platform.db.ReadYourWrites;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;
import iok.platform.http.Bodies;
import iok.platform.http.Commands;

/** {@code GET|PUT /api/admin/settings/reminders}: when reading-window and missing-payment reminders go out. */
public final class ReminderTimesRoutes {

  static final String PATH = "/api/admin/settings/reminders";
  private static final String CURRENT = "SELECT reading_notice_days, payment_grace_days FROM cooperative WHERE cooperative_id = $1";

  record Body(Integer readingNoticeDays, Integer paymentGraceDays) {
    Body {
      if (readingNoticeDays == null) throw missing("readingNoticeDays");
      if (paymentGraceDays == null) throw missing("paymentGraceDays");
    }
  }

  private static ApiError missing(String field) {
    return ApiError.badRequest("invalid_field", "Field '" + field + "' is required", java.util.Map.of("field", field));
  }

  private ReminderTimesRoutes() {}

  public static void mount(Api api, Pool pool, Commands commands, ReadYourWrites reads) {
    api.route(HttpMethod.GET, PATH, Access.ADMIN, ctx ->
        pool.preparedQuery(CURRENT).execute(Tuple.of(Api.session(ctx).cooperativeId())).onSuccess(rows -> {
          Row row = rows.iterator().next();
          Api.json(ctx, 200, new JsonObject().put("readingNoticeDays", row.getInteger(0))
              .put("paymentGraceDays", row.getInteger(1)));
        }).onFailure(ctx::fail));
    api.route(HttpMethod.PUT, PATH, Access.ADMIN, ctx -> {
      Body body = Bodies.read(ctx, Body.class);
      String cooperativeId = Api.session(ctx).cooperativeId();
      commands.<Long>send(ctx, new SetReminderTimes(cooperativeId,
              new ReminderTimes(body.readingNoticeDays(), body.paymentGraceDays())))
          .compose(sequence -> reads.await(CooperativeProjection.VERSION_QUERY, cooperativeId, sequence))
          .onSuccess(v -> Api.noContent(ctx))
          .onFailure(ctx::fail);
    });
  }
}
