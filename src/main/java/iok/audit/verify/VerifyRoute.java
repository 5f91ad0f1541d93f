package iok.audit.verify;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.audit.read.history.AccountHistoryRoute;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;
import iok.platform.http.Commands;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/audit/verify[?account=]}: whether the cooperative's events — or those of one account
 * and the things tied to it — are exactly as written, by their hash chains.
 */
public final class VerifyRoute {


  private VerifyRoute() {}

  public static void mount(Api api, Pool pool, Commands commands, ChainVerifier verifier) {
    api.route(HttpMethod.GET, "/api/audit/verify", Access.AUDITOR, ctx -> {
      String cooperative = Api.session(ctx).cooperativeId();
      String account = ctx.request().getParam("account");
      if (account == null) {
        commands.offLoop(() -> verifier.cooperative(cooperative))
            .onSuccess(r -> Api.json(ctx, 200, json(r).put("scope", "cooperative")))
            .onFailure(ctx::fail);
        return;
      }
      if (!account.matches("[A-Za-z0-9._:-]{1,64}")) throw new ApiError(404, "not_found", "Account not found");
      AccountHistoryRoute.ownAccount(pool, account, cooperative)
          .compose(owned -> pool.preparedQuery(AccountHistoryRoute.TIED).execute(Tuple.of(account, cooperative)))
          .compose(rows -> {
            List<String> aggregates = new ArrayList<>(List.of(account));
            for (Row r : rows) aggregates.add(r.getString(0));
            return commands.offLoop(() -> verifier.aggregates(aggregates));
          })
          .onSuccess(r -> Api.json(ctx, 200, json(r).put("scope", "account").put("accountId", account)))
          .onFailure(ctx::fail);
    });
  }

  private static JsonObject json(ChainVerifier.Result r) {
    JsonObject body = new JsonObject().put("valid", r.valid()).put("events", r.events()).put("aggregates", r.aggregates())
        .put("unchained", r.unchained());
    if (r.firstBroken() != null) {
      ChainVerifier.Broken b = r.firstBroken();
      body.put("firstBroken", new JsonObject().put("globalIndex", b.globalIndex()).put("eventId", b.eventId())
          .put("aggregateId", b.aggregateId()).put("sequence", b.sequence()).put("type", b.type()).put("reason", b.reason()));
    }
    return body;
  }
}
