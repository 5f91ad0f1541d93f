package iok.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import iok.support.ApiClient;
import iok.support.DemoCooperative;
import iok.support.Eventually;
import iok.support.TestIok;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "What did the account's zones show at that moment?" — answered by replaying the events written up to
 * it, at several moments of a scripted history; and at "now" the answer equals today's read models.
 */
class AsOfStateTest {

  static TestIok node;
  static ApiClient api;
  static String auditor;
  static String admin;
  static String accountId;
  static String login;
  static String resident;
  static Instant registered;
  static Instant titled;
  static Instant locked;
  static Instant unlocked;
  static Instant paid;

  @BeforeAll
  static void script() throws Exception {
    node = TestIok.start();
    api = node.client();
    auditor = api.login("sm-prudnik", "auditor", TestIok.AUDITOR_PASSWORD);
    admin = DemoCooperative.prudnik(node, api).admin();
    LocalDate today = LocalDate.now(ZoneId.of("Europe/Warsaw"));
    JsonObject r = api.register(admin, "Stan", "Naówczas");
    accountId = r.getString("accountId");
    login = r.getString("login");
    registered = mark();

    resident = api.readyResident("sm-prudnik", login, r.getString("initialPassword"), "Stan2026X");
    ok(api.importRows("premises", admin, List.of(Map.of("id", "P-AS", "building", "B-3", "address", "ul. Dawna 4",
        "number", "9", "kind", "flat", "area", "50.00"))));
    ok(api.importRows("titles", admin, List.of(Map.of("id", "T-AS", "premises", "P-AS", "login", login,
        "kind", "tenancy", "from", "2024-01-01"))));
    ok(api.importRows("charges", admin, List.of(Map.of("id", "C-AS-1", "title", "T-AS", "component", "eksploatacja",
        "month", today.minusMonths(2).toString().substring(0, 7), "dueDate", today.minusMonths(2).withDayOfMonth(10).toString(),
        "amount", "200.00"))));
    Eventually.await(() -> api.get("/api/finance", resident).json().getJsonArray("premises").size(), n -> n == 1,
        Duration.ofSeconds(5));
    ApiClient.Response meter = api.post("/api/admin/meters", admin, Map.of("premisesId", "P-AS", "kind", "cold",
        "number", "AS-1", "place", "łazienka", "legalisedUntil", today.plusYears(3).toString(),
        "installedOn", today.minusDays(60).toString(), "initialValue", "10.000"));
    assertThat(meter.status()).as(meter.body()).isEqualTo(201);
    String meterId = meter.json().getString("meterId");
    titled = mark();

    for (int i = 0; i < 3; i++) api.post("/api/auth/login", null, Map.of("cooperative", "sm-prudnik", "login", login,
        "password", "zle-haslo"));
    locked = mark();
    assertThat(api.post("/api/admin/accounts/" + accountId + "/unlock", admin, Map.of()).status()).isEqualTo(204);
    unlocked = mark();

    resident = api.login("sm-prudnik", login, "Stan2026X");
    ApiClient.Response reading = api.post("/api/meters/" + meterId + "/readings", resident,
        Map.of("value", "12.500", "readAt", today.toString()));
    assertThat(reading.status()).as(reading.body()).isIn(200, 201);
    ok(api.importRows("payments", admin, List.of(Map.of("id", "W-AS-1", "title", "T-AS", "date", today.toString(),
        "amount", "150.00"))));
    Eventually.await(() -> api.get("/api/finance", resident).json().getJsonArray("premises").getJsonObject(0)
        .getString("balance"), "50.00"::equals, Duration.ofSeconds(5));
    paid = mark();
  }

  static Instant mark() throws InterruptedException {
    Thread.sleep(30);
    Instant now = Instant.now();
    Thread.sleep(30);
    return now;
  }

  static void ok(ApiClient.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static JsonObject state(Instant asOf) {
    ApiClient.Response r = api.get("/api/audit/accounts/" + accountId + "/state" + (asOf == null ? "" : "?asOf=" + asOf),
        auditor);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void each_moment_of_the_history_shows_what_was_true_then() {
    JsonObject justRegistered = state(registered);
    assertThat(justRegistered.getJsonObject("status").getBoolean("mustChangePassword")).isTrue();
    assertThat(justRegistered.getJsonObject("status").getBoolean("regulationsAccepted")).isFalse();
    assertThat(justRegistered.getJsonArray("premises")).isEmpty();

    JsonObject withTitle = state(titled);
    assertThat(withTitle.getJsonObject("status").getBoolean("regulationsAccepted")).isTrue();
    assertThat(withTitle.getJsonObject("status").getBoolean("locked")).isFalse();
    assertThat(withTitle.getJsonArray("premises").getJsonObject(0).getString("premisesId")).isEqualTo("P-AS");
    assertThat(withTitle.getJsonArray("premises").getJsonObject(0).getString("balance")).isEqualTo("200.00");
    assertThat(withTitle.getJsonArray("meters").getJsonObject(0).getJsonObject("lastReading").getString("value"))
        .isEqualTo("10.000");

    assertThat(state(locked).getJsonObject("status").getBoolean("locked")).isTrue();
    assertThat(state(unlocked).getJsonObject("status").getBoolean("locked")).isFalse();
    assertThat(state(unlocked).getJsonArray("premises").getJsonObject(0).getString("balance")).isEqualTo("200.00");

    JsonObject afterPayment = state(paid);
    assertThat(afterPayment.getJsonArray("premises").getJsonObject(0).getString("balance")).isEqualTo("50.00");
    assertThat(afterPayment.getJsonArray("meters").getJsonObject(0).getJsonObject("lastReading").getString("value"))
        .isEqualTo("12.500");
  }

  @Test
  void as_of_now_equals_todays_read_models() {
    JsonObject now = state(null);
    JsonObject finance = api.get("/api/finance", resident).json();
    Set<String> fromReadModel = finance.getJsonArray("premises").stream().map(JsonObject.class::cast)
        .map(p -> p.getString("premisesId") + "=" + p.getString("balance") + "/" + p.getString("dueNow") + "/"
            + p.getString("notYetDue")).collect(Collectors.toSet());
    Set<String> replayed = now.getJsonArray("premises").stream().map(JsonObject.class::cast)
        .map(p -> p.getString("premisesId") + "=" + p.getString("balance") + "/" + p.getString("dueNow") + "/"
            + p.getString("notYetDue")).collect(Collectors.toSet());
    assertThat(replayed).isEqualTo(fromReadModel);

    JsonObject account = api.get("/api/admin/accounts?q=" + login, admin).json().getJsonArray("accounts").getJsonObject(0);
    JsonObject status = now.getJsonObject("status");
    assertThat(status.getBoolean("blocked") ? "blocked" : status.getBoolean("locked") ? "locked" : "active")
        .isEqualTo(account.getString("status"));
    assertThat(status.getBoolean("regulationsAccepted")).isTrue();

    JsonArray meters = api.get("/api/meters", resident).json().getJsonArray("meters");
    Set<String> readModelReadings = meters.stream().map(JsonObject.class::cast).map(m -> {
      JsonArray readings = m.getJsonArray("readings");
      JsonObject last = readings.stream().map(JsonObject.class::cast)
          .max(java.util.Comparator.comparing(x -> x.getString("readAt"))).orElseThrow();
      return m.getString("meterId") + "=" + last.getString("value") + "@" + last.getString("readAt");
    }).collect(Collectors.toSet());
    Set<String> replayedReadings = now.getJsonArray("meters").stream().map(JsonObject.class::cast)
        .map(m -> m.getString("meterId") + "=" + m.getJsonObject("lastReading").getString("value") + "@"
            + m.getJsonObject("lastReading").getString("readAt")).collect(Collectors.toSet());
    assertThat(replayedReadings).isEqualTo(readModelReadings);
  }

  @Test
  void another_cooperatives_auditor_gets_404_and_a_bad_moment_400() {
    String opole = api.login("sm-opole", "auditor", TestIok.AUDITOR_PASSWORD);
    assertThat(api.get("/api/audit/accounts/" + accountId + "/state", opole).status()).isEqualTo(404);
    assertThat(api.get("/api/audit/accounts/" + accountId + "/state?asOf=wczoraj", auditor).status()).isEqualTo(400);
  }
}
