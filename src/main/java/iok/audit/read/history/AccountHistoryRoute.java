package iok.audit.read.history;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.platform.axon.Metadata;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;
import java.util.Set;

/**
 * {@code GET /api/audit/accounts/{id}/events}: an account's whole history, read from the event store
 * itself (from sequence 0, never from a snapshot or a read model), with who caused each event.
 * Password hashes are never shown.
 */
public final class AccountHistoryRoute {

  private static final Set<String> HIDDEN = Set.of("passwordHash");
  private static final String OWNED = "SELECT 1 FROM account_login WHERE account_id = $1 AND cooperative_id = $2";
  private static final String HISTORY = """
      SELECT sequencenumber, payloadtype, timestamp, payload, metadata FROM domainevententry
      WHERE aggregateidentifier = $1 ORDER BY sequencenumber""";

  private AccountHistoryRoute() {}

  public static void mount(Api api, Pool pool) {
    api.route(HttpMethod.GET, "/api/audit/accounts/:id/events", Access.AUDITOR, ctx -> history(ctx, pool));
  }

  private static void history(RoutingContext ctx, Pool pool) {
    String id = Api.pathId(ctx, "id", "Account");
    pool.preparedQuery(OWNED).execute(Tuple.of(id, Api.session(ctx).cooperativeId()))
        .compose(owned -> {
          if (!owned.iterator().hasNext()) throw new ApiError(404, "not_found", "Account not found");
          return pool.preparedQuery(HISTORY).execute(Tuple.of(id));
        })
        .onSuccess(rows -> {
          JsonArray events = new JsonArray();
          for (Row row : rows) events.add(event(row));
          Api.json(ctx, 200, new JsonObject().put("accountId", id).put("events", events));
        })
        .onFailure(ctx::fail);
  }

  /** One stored event as auditors read it; other histories (payments) show theirs the same way. */
  public static JsonObject event(Row row) {
    JsonObject payload = new JsonObject(row.getString("payload"));
    HIDDEN.forEach(payload::remove);
    JsonObject meta = new JsonObject(row.getString("metadata"));
    String type = row.getString("payloadtype");
    JsonObject actor = meta.getString(Metadata.ACTOR_ID) == null ? new JsonObject().put("role", "system")
        : new JsonObject().put("accountId", meta.getString(Metadata.ACTOR_ID))
            .put("role", meta.getString(Metadata.ACTOR_ROLE))
            .put("login", meta.getString(Metadata.ACTOR_LOGIN));
    return new JsonObject()
        .put("sequence", row.getLong("sequencenumber"))
        .put("type", type.substring(Math.max(type.lastIndexOf('$'), type.lastIndexOf('.')) + 1))
        .put("occurredAt", row.getString("timestamp"))
        .put("actor", actor)
        .put("requestId", meta.getString(Metadata.REQUEST_ID))
        .put("payload", payload);
  }
}
