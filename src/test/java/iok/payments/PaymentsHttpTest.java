package iok.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import iok.demo.DemoSeed;
import iok.support.ApiClient;
import iok.support.ApiClient.Response;
import iok.support.Eventually;
import iok.support.SseClient;
import iok.support.TestDatabase;
import iok.support.TestIok;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Paying online over HTTP, the gateway played by the test with the protocol's own messages. SM Prudnik's
 * first demo resident holds L-101 (title T-L-101), the second L-102. Payments here expire after 5 seconds.
 */
class PaymentsHttpTest {

  static final String KEY = "QCBm3N0oFjzQAWsTIVN8mPLK12TW6HU6InSfjvnF";
  static final String SERVICE = "123456";
  static final String LEDGER = "sm-prudnik:ledger:T-L-101";

  static TestIok node;
  static ApiClient api;
  static String admin;
  static String auditor;
  static String anna;
  static String jan;

  @BeforeAll
  static void start() {
    node = TestIok.start(TestDatabase.fresh(), Map.of("IOK_PAYMENT_VALIDITY_SECONDS", "5"));
    api = node.client();
    admin = api.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
    auditor = api.login("sm-prudnik", "auditor", TestIok.AUDITOR_PASSWORD);
    DemoSeed.Credential a = node.resident("sm-prudnik", 0);
    DemoSeed.Credential b = node.resident("sm-prudnik", 1);
    anna = api.readyResident("sm-prudnik", a.login(), a.password(), "Anna2026x");
    jan = api.readyResident("sm-prudnik", b.login(), b.password(), "Jan2026xy");
    Response set = api.send(api.builder("/api/admin/settings/payments", admin).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(new JsonObject().put("serviceId", SERVICE).put("sharedKey", KEY)
            .put("gatewayUrl", "https://testpay.autopay.eu").put("maxAmount", "5000.00").encode())).build());
    assertThat(set.status()).as(set.body()).isEqualTo(204);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static JsonObject pay(String token, String premisesId, String amount) {
    Response r = api.post("/api/payments", token, Map.of("premisesId", premisesId, "amount", amount));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  static String itn(String service, String orderId, String amount, String currency, String status, String key) {
    Map<String, String> tx = new LinkedHashMap<>();
    tx.put("orderID", orderId);
    tx.put("remoteID", "R-" + orderId.substring(0, 6));
    tx.put("amount", amount);
    tx.put("currency", currency);
    tx.put("gatewayID", "106");
    tx.put("paymentDate", "20260115093000");
    tx.put("paymentStatus", status);
    tx.put("paymentStatusDetails", status.equals("FAILURE") ? "REJECTED" : "AUTHORIZED");
    return "transactions=" + URLEncoder.encode(Itn.write(service, tx, key), StandardCharsets.UTF_8);
  }

  static Response notify(String form) {
    return api.postRaw("/api/payments/itn", null, form, "application/x-www-form-urlencoded");
  }

  static String confirmation(Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
    return r.body().contains("<confirmation>CONFIRMED</confirmation>") ? "CONFIRMED" : "NOTCONFIRMED";
  }

  static long sql(String query, String param) {
    try (Connection c = node.iok().database().dataSource().getConnection(); PreparedStatement s = c.prepareStatement(query)) {
      s.setString(1, param);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static long booked(String orderId) {
    return sql("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%PaymentMade' AND payload LIKE ?",
        "%gateway-" + orderId + "%");
  }

  static long ledgerRows(String orderId) {
    return api.get("/api/finance/L-101/ledger?size=200", anna).json().getJsonArray("entries").stream()
        .map(JsonObject.class::cast).filter(e -> e.getString("entryId").equals("gateway-" + orderId)).count();
  }

  static String status(String orderId) {
    return api.get("/api/payments/" + orderId, anna).json().getString("status");
  }

  static String balance() {
    return api.get("/api/finance", anna).json().getJsonArray("premises").stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("premisesId").equals("L-101")).findFirst().orElseThrow().getString("balance");
  }

  @Test
  void a_holder_gets_a_signed_form_for_the_gateway() {
    JsonObject started = pay(anna, "L-101", "123.45");
    String orderId = started.getString("orderId");
    assertThat(orderId).matches("[0-9a-f]{32}");
    assertThat(started.getString("gatewayUrl")).isEqualTo("https://testpay.autopay.eu/payment");
    JsonObject fields = started.getJsonObject("fields");
    assertThat(fields.fieldNames()).containsExactly("ServiceID", "OrderID", "Amount", "Description", "Currency",
        "CustomerEmail", "ValidityTime", "Hash");
    assertThat(fields.getString("Amount")).isEqualTo("123.45");
    assertThat(fields.getString("CustomerEmail")).isEqualTo("anna.kowalska@example.org");
    Map<String, String> form = new LinkedHashMap<>();
    fields.forEach(e -> form.put(e.getKey(), (String) e.getValue()));
    assertThat(Autopay.startIsSigned(form, KEY)).isTrue();
    assertThat(status(orderId)).isEqualTo("started");
    assertThat(api.get("/api/payments", anna).json().getJsonArray("payments").stream().map(JsonObject.class::cast)
        .anyMatch(p -> p.getString("orderId").equals(orderId))).isTrue();
  }

  @Test
  void amounts_are_positive_in_grosze_and_within_the_limit_and_only_ones_own_premises_are_paid_for() {
    assertThat(api.post("/api/payments", anna, Map.of("premisesId", "L-101", "amount", "12.5")).status()).isEqualTo(400);
    assertThat(api.post("/api/payments", anna, Map.of("premisesId", "L-101", "amount", "0.00")).error())
        .isEqualTo("amount_not_positive");
    Response over = api.post("/api/payments", anna, Map.of("premisesId", "L-101", "amount", "5000.01"));
    assertThat(over.status()).isEqualTo(422);
    assertThat(over.error()).isEqualTo("amount_over_limit");
    assertThat(api.post("/api/payments", anna, Map.of("premisesId", "L-102", "amount", "10.00")).status()).isEqualTo(404);
    String orderId = pay(anna, "L-101", "10.00").getString("orderId");
    assertThat(api.get("/api/payments/" + orderId, jan).status()).isEqualTo(404);
    assertThat(api.get("/api/payments/" + orderId, admin).status()).isEqualTo(404);
  }

  @Test
  void a_success_is_booked_once_however_often_it_comes_and_the_payer_hears_of_it() throws Exception {
    String before = balance();
    String orderId = pay(anna, "L-101", "100.00").getString("orderId");
    try (SseClient mine = SseClient.open(api, anna, null); SseClient other = SseClient.open(api, jan, null)) {
      assertThat(confirmation(notify(itn(SERVICE, orderId, "100.00", "PLN", "PENDING", KEY)))).isEqualTo("CONFIRMED");
      assertThat(confirmation(notify(itn(SERVICE, orderId, "100.00", "PLN", "SUCCESS", KEY)))).isEqualTo("CONFIRMED");
      List<String> heard = new ArrayList<>();
      Eventually.await(() -> {
        SseClient.Message m = mine.next(200);
        if (m != null) heard.add(m.event() + ":" + m.data().getString("status", ""));
        return heard;
      }, h -> h.contains("payment.status-changed:paid") && h.contains("finance.balance-changed:"), Duration.ofSeconds(10));
      assertThat(heard).contains("payment.status-changed:pending");
      assertThat(other.drain(300)).as("another resident hears nothing").isEmpty();
    }
    assertThat(confirmation(notify(itn(SERVICE, orderId, "100.00", "PLN", "SUCCESS", KEY)))).isEqualTo("CONFIRMED");
    Eventually.await(() -> ledgerRows(orderId), n -> n == 1, Duration.ofSeconds(5));
    assertThat(booked(orderId)).isEqualTo(1);
    assertThat(new java.math.BigDecimal(before).subtract(new java.math.BigDecimal(balance())))
        .isEqualByComparingTo("100.00");
    JsonObject receipt = api.get("/api/payments/" + orderId, anna).json();
    assertThat(receipt.getString("status")).isEqualTo("paid");
    assertThat(receipt.getString("paidOn")).isEqualTo("2026-01-15");
    var history = api.get("/api/audit/payments/" + orderId + "/events", auditor).json().getJsonArray("events");
    assertThat(history.stream().map(e -> ((JsonObject) e).getString("type")).filter("NotificationReceived"::equals).count())
        .isEqualTo(3);
  }

  @Test
  void ten_concurrent_copies_of_a_success_book_once() throws Exception {
    String orderId = pay(anna, "L-101", "33.33").getString("orderId");
    String form = itn(SERVICE, orderId, "33.33", "PLN", "SUCCESS", KEY);
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      all.add(api.http().sendAsync(api.builder("/api/payments/itn", null).header("Content-Type",
          "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> f : all) {
      HttpResponse<String> r = f.get();
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.body()).contains("<confirmation>CONFIRMED</confirmation>");
    }
    Eventually.await(() -> ledgerRows(orderId), n -> n == 1, Duration.ofSeconds(5));
    Thread.sleep(300);
    assertThat(booked(orderId)).isEqualTo(1);
    assertThat(ledgerRows(orderId)).isEqualTo(1);
    assertThat(sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE "
        + "'%NotificationReceived'", orderId)).isEqualTo(10);
  }

  @Test
  void a_success_that_overtakes_its_pending_is_booked_and_the_late_pending_changes_nothing() {
    String orderId = pay(anna, "L-101", "44.00").getString("orderId");
    assertThat(confirmation(notify(itn(SERVICE, orderId, "44.00", "PLN", "SUCCESS", KEY)))).isEqualTo("CONFIRMED");
    assertThat(confirmation(notify(itn(SERVICE, orderId, "44.00", "PLN", "PENDING", KEY)))).isEqualTo("CONFIRMED");
    Eventually.await(() -> ledgerRows(orderId), n -> n == 1, Duration.ofSeconds(5));
    assertThat(Eventually.await(() -> status(orderId), "paid"::equals, Duration.ofSeconds(5))).isEqualTo("paid");
  }

  @Test
  void forged_foreign_unknown_and_different_notifications_are_refused_recorded_and_book_nothing() throws Exception {
    String orderId = pay(anna, "L-101", "55.00").getString("orderId");
    assertThat(confirmation(notify(itn(SERVICE, orderId, "55.00", "PLN", "SUCCESS", "not-the-key")))).isEqualTo("NOTCONFIRMED");
    assertThat(confirmation(notify(itn("999999", orderId, "55.00", "PLN", "SUCCESS", KEY)))).isEqualTo("NOTCONFIRMED");
    assertThat(confirmation(notify(itn(SERVICE, orderId, "5.00", "PLN", "SUCCESS", KEY)))).isEqualTo("NOTCONFIRMED");
    assertThat(confirmation(notify(itn(SERVICE, orderId, "55.00", "EUR", "SUCCESS", KEY)))).isEqualTo("NOTCONFIRMED");
    String unknown = "0123456789abcdef0123456789abcdef";
    Response stray = notify(itn(SERVICE, unknown, "55.00", "PLN", "SUCCESS", KEY));
    assertThat(confirmation(stray)).isEqualTo("NOTCONFIRMED");
    assertThat(stray.body()).contains("<hash>" + Autopay.hash(List.of(SERVICE, unknown, "NOTCONFIRMED"), KEY) + "</hash>");
    Thread.sleep(500);
    assertThat(booked(orderId)).isZero();
    assertThat(status(orderId)).isEqualTo("started");
    var refusals = api.get("/api/audit/payments/" + orderId + "/events", auditor).json().getJsonArray("events").stream()
        .map(JsonObject.class::cast).filter(e -> e.getString("type").equals("NotificationReceived"))
        .map(e -> e.getJsonObject("payload").getString("refusal")).toList();
    assertThat(refusals).containsExactly("forged_hash", "other_service", "amount_mismatch", "currency_mismatch");
    assertThat(api.get("/api/audit/payment-gateway/events", auditor).json().getJsonArray("events").stream()
        .map(JsonObject.class::cast).anyMatch(e -> e.getString("type").equals("StrayNotificationReceived")
            && e.getJsonObject("payload").getString("orderId").equals(unknown))).isTrue();
    assertThat(api.get("/api/audit/payments/" + orderId + "/events", anna).status()).isEqualTo(403);
  }

  @Test
  void malformed_notifications_are_bad_requests_never_errors() {
    assertThat(notify("transactions=%%%").status()).isEqualTo(400);
    assertThat(notify("").status()).isEqualTo(400);
    assertThat(notify("transactions=" + URLEncoder.encode("PHg+", StandardCharsets.UTF_8)).status()).isEqualTo(400);
    assertThat(api.postRaw("/api/payments/itn", null, "{}", "application/json").status()).isEqualTo(400);
  }

  @Test
  void a_failure_closes_the_payment_without_money() throws Exception {
    String orderId = pay(anna, "L-101", "66.00").getString("orderId");
    assertThat(confirmation(notify(itn(SERVICE, orderId, "66.00", "PLN", "FAILURE", KEY)))).isEqualTo("CONFIRMED");
    assertThat(Eventually.await(() -> status(orderId), "failed"::equals, Duration.ofSeconds(5))).isEqualTo("failed");
    Thread.sleep(300);
    assertThat(booked(orderId)).isZero();
  }

  @Test
  void a_payment_not_confirmed_in_time_expires() {
    String orderId = pay(anna, "L-101", "77.00").getString("orderId");
    assertThat(Eventually.await(() -> status(orderId), "expired"::equals, Duration.ofSeconds(15))).isEqualTo("expired");
    assertThat(booked(orderId)).isZero();
  }

  @Test
  void the_return_is_checked_and_leads_to_the_receipt() {
    String orderId = pay(anna, "L-101", "11.00").getString("orderId");
    HttpRequest back = api.builder("/payments/return?ServiceID=" + SERVICE + "&OrderID=" + orderId + "&Hash="
        + Autopay.returnHash(SERVICE, orderId, KEY), null).GET().build();
    Response r = api.send(back);
    assertThat(r.status()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).contains("/sm-prudnik/#/payments/" + orderId);
    assertThat(api.get("/payments/return?ServiceID=" + SERVICE + "&OrderID=" + orderId + "&Hash=abc", null).status())
        .isEqualTo(400);
  }

  @Test
  void the_key_goes_in_and_never_comes_out_and_only_administrators_set_it() {
    JsonObject settings = api.get("/api/admin/settings/payments", admin).json();
    assertThat(settings.getBoolean("keySet")).isTrue();
    assertThat(settings.getString("serviceId")).isEqualTo(SERVICE);
    assertThat(settings.getString("maxAmount")).isEqualTo("5000.00");
    assertThat(settings.encode()).doesNotContain(KEY);
    assertThat(sql("SELECT count(*) FROM domainevententry WHERE (payload || metadata) LIKE ?", "%" + KEY + "%"))
        .isZero();
    assertThat(sql("SELECT count(*) FROM snapshotevententry WHERE payload LIKE ?", "%" + KEY + "%")).isZero();
    assertThat(sql("SELECT count(*) FROM payment_secret WHERE sealed LIKE ?", "%" + KEY + "%")).isZero();
    assertThat(api.get("/api/admin/settings/payments", anna).status()).isEqualTo(403);
    Response byResident = api.send(api.builder("/api/admin/settings/payments", anna).header("Content-Type",
        "application/json").PUT(HttpRequest.BodyPublishers.ofString(new JsonObject().put("serviceId", "1")
        .put("sharedKey", KEY).put("gatewayUrl", "https://pay.autopay.eu").encode())).build());
    assertThat(byResident.status()).isEqualTo(403);
    Response elsewhere = api.send(api.builder("/api/admin/settings/payments", admin).header("Content-Type",
        "application/json").PUT(HttpRequest.BodyPublishers.ofString(new JsonObject().put("serviceId", SERVICE)
        .put("sharedKey", KEY).put("gatewayUrl", "https://evil.example.com").encode())).build());
    assertThat(elsewhere.status()).isEqualTo(400);
    var changes = api.get("/api/audit/payment-gateway/events", auditor).json().getJsonArray("events").stream()
        .map(JsonObject.class::cast).filter(e -> e.getString("type").equals("GatewayConfigured")).toList();
    assertThat(changes).isNotEmpty();
    assertThat(changes.get(0).getJsonObject("actor").getString("login")).isEqualTo("admin");
    assertThat(changes.get(0).getJsonObject("payload").getString("keyFingerprint")).matches("[0-9a-f]{8}");
  }
}
