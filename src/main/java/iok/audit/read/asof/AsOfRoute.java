package iok.audit.read.asof;

import io.vertx.core.http.HttpMethod;
import io.vertx.sqlclient.Pool;
import iok.audit.read.history.AccountHistoryRoute;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;
import iok.platform.http.Commands;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** {@code GET /api/audit/accounts/{id}/state?asOf=<ISO instant>}: the account's zones as they stood then (now if absent). */
public final class AsOfRoute {

  private AsOfRoute() {}

  public static void mount(Api api, Pool pool, Commands commands, AsOfState state, Clock clock) {
    api.route(HttpMethod.GET, "/api/audit/accounts/:id/state", Access.AUDITOR, ctx -> {
      String id = Api.pathId(ctx, "id", "Account");
      String raw = ctx.request().getParam("asOf");
      Instant asOf;
      try {
        asOf = raw == null ? clock.instant() : Instant.parse(raw);
      } catch (DateTimeParseException e) {
        throw ApiError.badRequest("invalid_field", "Query parameter 'asOf' must be an ISO instant such as 2026-11-01T00:00:00Z",
            java.util.Map.of("field", "asOf"));
      }
      String cooperative = Api.session(ctx).cooperativeId();
      AccountHistoryRoute.ownAccount(pool, id, cooperative)
          .compose(owned -> commands.offLoop(() -> state.of(cooperative, id, asOf)))
          .onSuccess(body -> Api.json(ctx, 200, body))
          .onFailure(ctx::fail);
    });
  }
}
