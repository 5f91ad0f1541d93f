package iok.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import iok.demo.DemoSeed;
import iok.support.ApiClient;
import iok.support.ApiClient.Response;
import iok.support.Eventually;
import iok.support.TestDatabase;
import iok.support.TestIok;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's gateway double, as a browser meets it on a node with two HTTP event loops: each step comes on
 * a connection of its own, as a browser's form posts may, so consecutive steps land on different event
 * loops. The pay page shown by one must be decidable on the other, and the payer comes back to a receipt.
 */
class GatewayDoubleTest {

  static TestIok node;
  static ApiClient api;
  static String anna;

  @BeforeAll
  static void start() {
    node = TestIok.start(TestDatabase.fresh(), Map.of("IOK_GATEWAY_DOUBLE", "true", "IOK_HTTP_INSTANCES", "2"));
    api = node.client();
    DemoSeed.Credential a = node.resident("sm-prudnik", 0);
    anna = api.readyResident("sm-prudnik", a.login(), a.password(), "Anna2026x");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** A client of its own, so its request opens a new connection, which the node gives to its next event loop. */
  static Response fresh(String path, Map<String, String> form) {
    String body = form.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return new ApiClient(api.base()).postRaw(path, null, body, "application/x-www-form-urlencoded");
  }

  static String shownTransaction(Response page) {
    Matcher tx = Pattern.compile("name=\"tx\" value=\"([^\"]+)\"").matcher(page.body());
    assertThat(tx.find()).as(page.body()).isTrue();
    return tx.group(1);
  }

  static String startPayment(String amount) {
    JsonObject started = api.post("/api/payments", anna, Map.of("premisesId", "L-101", "amount", amount)).json();
    assertThat(started.getString("gatewayUrl")).endsWith("/gateway-double/payment");
    Map<String, String> fields = started.getJsonObject("fields").getMap().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
    Response page = fresh("/gateway-double/payment", fields);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).contains(amount + " PLN");
    return started.getString("orderId") + " " + shownTransaction(page);
  }

  static String status(String orderId) {
    return api.get("/api/payments/" + orderId, anna).json().getString("status");
  }

  @Test
  void a_payment_shown_on_one_event_loop_is_paid_on_the_other_and_the_payer_returns_to_its_receipt() {
    String[] started = startPayment("12.34").split(" ");
    String orderId = started[0];

    Response decided = fresh("/gateway-double/decide", Map.of("tx", started[1], "outcome", "pay"));
    assertThat(decided.status()).as(decided.body()).isEqualTo(303);
    String back = decided.headers().firstValue("Location").orElseThrow();
    assertThat(back).startsWith("/payments/return?").contains("OrderID=" + orderId);

    Response returned = new ApiClient(api.base()).get(back, null);
    assertThat(returned.status()).isEqualTo(303);
    assertThat(returned.headers().firstValue("Location")).hasValue("/sm-prudnik/#/payments/" + orderId);
    Eventually.await(() -> status(orderId), "paid"::equals, Duration.ofSeconds(10));
  }

  @Test
  void a_refused_payment_fails_and_the_same_transaction_cannot_be_decided_twice() {
    String[] started = startPayment("7.00").split(" ");

    Response refused = fresh("/gateway-double/decide", Map.of("tx", started[1], "outcome", "fail"));
    assertThat(refused.status()).isEqualTo(303);
    Eventually.await(() -> status(started[0]), "failed"::equals, Duration.ofSeconds(10));

    Response again = fresh("/gateway-double/decide", Map.of("tx", started[1], "outcome", "pay"));
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.body()).contains("już ją rozstrzygnięto");
    assertThat(status(started[0])).isEqualTo("failed");
  }

  @Test
  void a_start_form_whose_hash_was_changed_is_refused() {
    JsonObject started = api.post("/api/payments", anna, Map.of("premisesId", "L-101", "amount", "5.00")).json();
    Map<String, String> fields = started.getJsonObject("fields").getMap().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
    fields.put("Amount", "0.01");
    Response page = fresh("/gateway-double/payment", fields);
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("Nieprawidłowy podpis");
  }
}
