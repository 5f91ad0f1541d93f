package iok.payments.write.notification;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import iok.payments.Autopay;
import iok.payments.Itn;
import iok.payments.Payment;
import iok.payments.PaymentGateway;
import iok.payments.write.settings.GatewaySettings;
import iok.payments.write.settings.GatewaySettings.Settings;
import iok.platform.axon.Metadata;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;
import iok.platform.http.Commands;
import iok.platform.http.RequestLog;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gateway sends: {@code POST /api/payments/itn}, its notifications (answered 200 with a
 * confirmationList whatever IOK decided, since anything else only makes it send again), and
 * {@code GET /payments/return}, where it sends the payer back — which proves nothing about the payment,
 * so it only leads to the receipt, whose state the notifications set.
 */
public final class NotificationRoutes {

  private static final Logger log = LoggerFactory.getLogger(NotificationRoutes.class);
  private static final String ORDER = "SELECT cooperative_id FROM payment_view WHERE order_id = $1";

  private NotificationRoutes() {}

  public static void mount(Api api, Pool pool, Commands commands, GatewaySettings gateways) {
    api.route(HttpMethod.POST, "/api/payments/itn", Access.ANYONE, ctx -> {
      Itn itn;
      try {
        itn = Itn.parse(ctx.request().getFormAttribute("transactions"));
      } catch (Itn.Malformed e) {
        throw ApiError.badRequest("malformed_notification", e.getMessage(), null);
      }
      pool.preparedQuery(ORDER).execute(Tuple.of(itn.orderId()))
          .compose(rows -> rows.iterator().hasNext()
              ? forOrder(ctx, commands, gateways, itn, rows.iterator().next().getString(0))
              : stray(ctx, commands, gateways, itn))
          .onSuccess(xml -> ctx.response().putHeader("Content-Type", "application/xml; charset=utf-8").end(xml))
          .onFailure(ctx::fail);
    });
    api.route(HttpMethod.GET, "/payments/return", Access.ANYONE, ctx -> {
      String serviceId = ctx.request().getParam("ServiceID");
      String orderId = ctx.request().getParam("OrderID");
      String hash = ctx.request().getParam("Hash");
      if (orderId == null || !orderId.matches("[A-Za-z0-9]{1,32}")) throw new ApiError(404, "not_found", "Payment not found");
      pool.preparedQuery(ORDER).execute(Tuple.of(orderId)).compose(rows -> {
        if (!rows.iterator().hasNext()) throw new ApiError(404, "not_found", "Payment not found");
        String coop = rows.iterator().next().getString(0);
        return gateways.ofCooperative(coop).map(g -> {
          boolean genuine = g.isPresent() && g.get().serviceId().equals(serviceId)
              && Autopay.sameHash(Autopay.returnHash(serviceId, orderId, g.get().sharedKey()), hash);
          if (!genuine) throw ApiError.badRequest("invalid_return", "The return address is not signed by the gateway", null);
          return "/" + coop + "/#/payments/" + orderId;
        });
      }).onSuccess(to -> ctx.response().setStatusCode(303).putHeader("Location", to).end()).onFailure(ctx::fail);
    });
  }

  private static MetaData gateway(RoutingContext ctx, String cooperativeId) {
    return MetaData.with(Metadata.REQUEST_ID, RequestLog.requestId(ctx)).and(Metadata.ACTOR_ROLE, "gateway")
        .and(Metadata.ACTOR_LOGIN, "gateway").and(Metadata.COOPERATIVE, cooperativeId);
  }

  private static Future<String> forOrder(RoutingContext ctx, Commands commands, GatewaySettings gateways, Itn itn,
                                         String cooperativeId) {
    return gateways.ofCooperative(cooperativeId).compose(found -> {
      if (found.isEmpty()) return Future.succeededFuture(Autopay.confirmation(itn.serviceId(), itn.orderId(), false, null));
      Settings g = found.get();
      Payment.Notify notify = new Payment.Notify(itn.orderId(), itn.value("remoteID"), itn.value("paymentStatus"),
          itn.value("paymentStatusDetails"), itn.value("amount"), itn.value("currency"), itn.value("gatewayID"),
          itn.value("paymentDate"), itn.signedWith(g.sharedKey()), g.serviceId().equals(itn.serviceId()));
      return commands.<Boolean>send(gateway(ctx, cooperativeId), notify)
          .map(confirmed -> Autopay.confirmation(g.serviceId(), itn.orderId(), confirmed, g.sharedKey()));
    });
  }

  /** No such order: recorded with the cooperative whose service id it names, if one does; refused either way. */
  private static Future<String> stray(RoutingContext ctx, Commands commands, GatewaySettings gateways, Itn itn) {
    return gateways.ofService(itn.serviceId()).compose(found -> {
      Optional<Settings> only = found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
      if (only.isEmpty()) {
        log.warn("Notification for unknown service {} and order {} refused [requestId={}]", itn.serviceId(),
            itn.orderId(), RequestLog.requestId(ctx));
        return Future.succeededFuture(Autopay.confirmation(itn.serviceId(), itn.orderId(), false, null));
      }
      Settings g = only.get();
      return commands.send(gateway(ctx, g.cooperativeId()), new PaymentGateway.RecordStray(
              PaymentGateway.id(g.cooperativeId()), g.cooperativeId(), itn.orderId(), itn.serviceId(),
              itn.value("remoteID"), itn.value("paymentStatus"), itn.value("amount"), itn.value("currency"),
              itn.signedWith(g.sharedKey()), "unknown_order"))
          .map(v -> Autopay.confirmation(g.serviceId(), itn.orderId(), false, g.sharedKey()));
    });
  }

}
