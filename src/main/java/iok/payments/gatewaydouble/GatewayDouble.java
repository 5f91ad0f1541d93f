package iok.payments.gatewaydouble;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import iok.payments.Autopay;
import iok.payments.Itn;
import iok.payments.write.settings.GatewaySettings;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for the gateway, speaking its protocol, for the demo and the browser tests: it checks
 * the start form's hash, shows a pay page with "Zapłać" and "Odrzuć", sends the notifications to IOK
 * (again and again until confirmed, as the real one does) and sends the payer back with a signed return.
 * It reads the cooperative's key from IOK's own settings, where the real gateway keeps its own copy.
 * Not part of IOK's API: mounted only when {@code IOK_GATEWAY_DOUBLE} or {@code --demo} asks for it.
 */
public final class GatewayDouble {

  public static final String PATH = "/gateway-double";
  private static final Logger log = LoggerFactory.getLogger(GatewayDouble.class);
  private static final DateTimeFormatter PAYMENT_DATE = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
  private static final int TRIES = 10;

  private final Vertx vertx;
  private final GatewaySettings gateways;
  private final IntSupplier port;
  private final Map<String, Map<String, String>> started = new ConcurrentHashMap<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * One double per node, mounted on every HTTP instance's router: a payment started on one event loop is
   * often decided on another, so the transactions it has shown must be the same for all of them.
   */
  public GatewayDouble(Vertx vertx, GatewaySettings gateways, IntSupplier port) {
    this.vertx = vertx;
    this.gateways = gateways;
    this.port = port;
  }

  public void mount(Router router) {
    router.route(PATH + "/*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
    router.post(PATH + "/payment").handler(this::payment);
    router.post(PATH + "/decide").handler(this::decide);
  }

  private void payment(RoutingContext ctx) {
    Map<String, String> form = new LinkedHashMap<>();
    ctx.request().formAttributes().forEach(e -> form.put(e.getKey(), e.getValue()));
    String serviceId = String.valueOf(form.get("ServiceID"));
    gateways.ofService(serviceId).onSuccess(found -> {
      if (found.size() != 1 || !Autopay.startIsSigned(form, found.get(0).sharedKey())) {
        page(ctx, 400, "Błąd transakcji", "<p>Nieprawidłowy podpis (Hash) transakcji.</p>");
        return;
      }
      String tx = UUID.randomUUID().toString();
      form.put("key", found.get(0).sharedKey());
      started.put(tx, form);
      page(ctx, 200, "Płatność", "<p>Zamówienie <strong>" + Autopay.xml(form.get("OrderID")) + "</strong></p>"
          + "<p>" + Autopay.xml(form.get("Description")) + "</p>"
          + "<p class=\"amount\">Kwota: <strong>" + Autopay.xml(form.get("Amount")) + " "
          + Autopay.xml(form.getOrDefault("Currency", "PLN")) + "</strong></p>"
          + "<form method=\"post\" action=\"" + PATH + "/decide\">"
          + "<input type=\"hidden\" name=\"tx\" value=\"" + tx + "\">"
          + "<button type=\"submit\" name=\"outcome\" value=\"pay\" class=\"primary\">Zapłać</button> "
          + "<button type=\"submit\" name=\"outcome\" value=\"fail\">Odrzuć</button></form>");
    }).onFailure(ctx::fail);
  }

  private void decide(RoutingContext ctx) {
    Map<String, String> form = started.remove(String.valueOf(ctx.request().getFormAttribute("tx")));
    if (form == null) {
      page(ctx, 404, "Błąd transakcji", "<p>Nie ma takiej transakcji albo już ją rozstrzygnięto.</p>");
      return;
    }
    boolean pay = "pay".equals(ctx.request().getFormAttribute("outcome"));
    String serviceId = form.get("ServiceID");
    String orderId = form.get("OrderID");
    String key = form.get("key");
    String remoteId = "DBL" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
    List<String> statuses = pay ? List.of("PENDING", "SUCCESS") : List.of("FAILURE");
    Promise<Void> delivered = Promise.promise();
    Thread.ofVirtual().name("gateway-double-itn").start(() -> {
      for (String status : statuses) {
        Map<String, String> tx = new LinkedHashMap<>();
        tx.put("orderID", orderId);
        tx.put("remoteID", remoteId);
        tx.put("amount", form.get("Amount"));
        tx.put("currency", form.getOrDefault("Currency", "PLN"));
        tx.put("gatewayID", "106");
        tx.put("paymentDate", ZonedDateTime.now(ZoneId.of("Europe/Warsaw")).format(PAYMENT_DATE));
        tx.put("paymentStatus", status);
        tx.put("paymentStatusDetails", status.equals("FAILURE") ? "REJECTED" : "AUTHORIZED");
        deliver(Itn.write(serviceId, tx, key));
      }
      vertx.runOnContext(v -> delivered.tryComplete());
    });
    String back = "/payments/return?ServiceID=" + enc(serviceId) + "&OrderID=" + enc(orderId) + "&Hash="
        + Autopay.returnHash(serviceId, orderId, key);
    delivered.future().onComplete(done -> ctx.response().setStatusCode(303).putHeader("Location", back).end());
  }

  /** Sends one notification until IOK confirms it, a second apart, as the gateway repeats an unconfirmed one. */
  private void deliver(String transactions) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port.getAsInt() + "/api/payments/itn"))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("transactions=" + enc(transactions))).build();
    for (int attempt = 1; attempt <= TRIES; attempt++) {
      try {
        try {
          HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
          if (answer.statusCode() == 200 && answer.body().contains("<confirmation>CONFIRMED</confirmation>")) return;
          log.info("IOK did not confirm the notification (attempt {}): {}", attempt, answer.statusCode());
        } catch (java.io.IOException e) {
          log.info("IOK did not take the notification (attempt {}): {}", attempt, e.getMessage());
        }
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void page(RoutingContext ctx, int status, String title, String body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
        .end("<!doctype html><html lang=\"pl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
            + "content=\"width=device-width, initial-scale=1\"><title>" + title + " — bramka testowa</title>"
            + "<link rel=\"stylesheet\" href=\"/app/styles.css\"></head><body><main class=\"card gateway-double\">"
            + "<h1>" + title + "</h1><p class=\"muted\">Bramka testowa IOK (atrapa Autopay): żadne pieniądze nie płyną.</p>"
            + body + "</main></body></html>");
  }
}
