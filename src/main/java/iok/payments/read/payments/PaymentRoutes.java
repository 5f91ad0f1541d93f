package iok.payments.read.payments;

import iok.cooperative.read.zones.ZoneGate;
import iok.cooperative.Zone;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.audit.read.history.AccountHistoryRoute;
import iok.payments.PaymentGateway;
import iok.platform.auth.Session;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;

/**
 * {@code GET /api/payments}: the signed-in person's own payments with their states;
 * {@code GET /api/payments/{orderId}}: one as a receipt. For auditors, the whole history of a payment
 * and of the cooperative's gateway account (settings, notifications for unknown orders), from the event store.
 */
public final class PaymentRoutes {

  private static final String COLUMNS = """
      SELECT order_id, premises_id, amount::text, currency, status, remote_id, paid_on, valid_until, started_at, updated_at
      FROM payment_view""";
  private static final String MINE = COLUMNS + " WHERE cooperative_id = $1 AND account_id = $2 ORDER BY started_at DESC LIMIT 200";
  private static final String ONE = COLUMNS + " WHERE cooperative_id = $1 AND account_id = $2 AND order_id = $3";
  private static final String OWNED = "SELECT 1 FROM payment_view WHERE order_id = $1 AND cooperative_id = $2";
  private static final String HISTORY = """
      SELECT globalindex, aggregateidentifier, sequencenumber, payloadtype, timestamp, payload, metadata FROM domainevententry
      WHERE aggregateidentifier = $1 ORDER BY sequencenumber""";

  private PaymentRoutes() {}

  public static void mount(Api api, Pool pool, ZoneGate zones) {
    api.route(HttpMethod.GET, "/api/payments", Access.SIGNED_IN, zones.only(Zone.PAYMENTS, ctx -> {
      Session s = Api.session(ctx);
      pool.preparedQuery(MINE).execute(Tuple.of(s.cooperativeId(), s.accountId())).onSuccess(rows -> {
        JsonArray list = new JsonArray();
        for (Row r : rows) list.add(payment(r));
        Api.json(ctx, 200, new JsonObject().put("payments", list));
      }).onFailure(ctx::fail);
    }));
    api.route(HttpMethod.GET, "/api/payments/:orderId", Access.SIGNED_IN, ctx -> {
      Session s = Api.session(ctx);
      String orderId = Api.pathId(ctx, "orderId", "Payment");
      pool.preparedQuery(ONE).execute(Tuple.of(s.cooperativeId(), s.accountId(), orderId)).onSuccess(rows -> {
        if (!rows.iterator().hasNext()) {
          ctx.fail(new ApiError(404, "not_found", "Payment not found"));
          return;
        }
        Api.json(ctx, 200, payment(rows.iterator().next()));
      }).onFailure(ctx::fail);
    });
    api.route(HttpMethod.GET, "/api/audit/payments/:orderId/events", Access.AUDITOR, ctx -> {
      String orderId = Api.pathId(ctx, "orderId", "Payment");
      pool.preparedQuery(OWNED).execute(Tuple.of(orderId, Api.session(ctx).cooperativeId())).compose(owned -> {
        if (!owned.iterator().hasNext()) throw new ApiError(404, "not_found", "Payment not found");
        return pool.preparedQuery(HISTORY).execute(Tuple.of(orderId));
      }).onSuccess(rows -> history(ctx, "orderId", orderId, rows)).onFailure(ctx::fail);
    });
    api.route(HttpMethod.GET, "/api/audit/payment-gateway/events", Access.AUDITOR, ctx -> {
      String coop = Api.session(ctx).cooperativeId();
      pool.preparedQuery(HISTORY).execute(Tuple.of(PaymentGateway.id(coop)))
          .onSuccess(rows -> history(ctx, "cooperativeId", coop, rows)).onFailure(ctx::fail);
    });
  }

  private static void history(io.vertx.ext.web.RoutingContext ctx, String idName, String id, Iterable<Row> rows) {
    JsonArray events = new JsonArray();
    for (Row row : rows) events.add(AccountHistoryRoute.event(row));
    Api.json(ctx, 200, new JsonObject().put(idName, id).put("events", events));
  }

  private static JsonObject payment(Row r) {
    return new JsonObject()
        .put("orderId", r.getString("order_id"))
        .put("premisesId", r.getString("premises_id"))
        .put("amount", r.getString("amount"))
        .put("currency", r.getString("currency"))
        .put("status", r.getString("status"))
        .put("remoteId", r.getString("remote_id"))
        .put("paidOn", r.getLocalDate("paid_on") == null ? null : r.getLocalDate("paid_on").toString())
        .put("validUntil", r.getOffsetDateTime("valid_until").toString())
        .put("startedAt", r.getOffsetDateTime("started_at").toString())
        .put("updatedAt", r.getOffsetDateTime("updated_at").toString());
  }
}
