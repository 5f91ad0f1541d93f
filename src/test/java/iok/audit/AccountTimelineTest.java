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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The auditor's timeline of one account spans what is tied to it — its ledgers, its faults — and the
 * events the person caused; it filters by time, type and actor, and pages without losing or repeating.
 */
class AccountTimelineTest {

  static TestIok node;
  static ApiClient api;
  static String auditor;
  static String admin;
  static String accountId;
  static String resident;
  static Instant middle;

  @BeforeAll
  static void start() throws Exception {
    node = TestIok.start();
    api = node.client();
    auditor = api.login("sm-prudnik", "auditor", TestIok.AUDITOR_PASSWORD);
    admin = DemoCooperative.prudnik(node, api).admin();
    JsonObject registered = api.register(admin, "Oś", "Czasu");
    accountId = registered.getString("accountId");
    resident = api.readyResident("sm-prudnik", registered.getString("login"), registered.getString("initialPassword"),
        "Czasu2026X");
    api.post("/api/admin/accounts/" + accountId + "/block", admin, Map.of("reason", "Kontrola"));
    api.post("/api/admin/accounts/" + accountId + "/unblock", admin, Map.of());
    resident = api.login("sm-prudnik", registered.getString("login"), "Czasu2026X"); // the block ended her sessions
    Thread.sleep(20);
    middle = Instant.now();
    Thread.sleep(20);
    ok(api.importRows("premises", admin, List.of(Map.of("id", "P-OS", "building", "B-3", "address", "ul. Osi 1",
        "number", "1", "kind", "flat", "area", "30.00"))));
    ok(api.importRows("titles", admin, List.of(Map.of("id", "T-OS", "premises", "P-OS", "login",
        registered.getString("login"), "kind", "tenancy", "from", "2024-01-01"))));
    ok(api.importRows("charges", admin, List.of(Map.of("id", "C-OS", "title", "T-OS", "component", "eksploatacja",
        "month", "2026-01", "dueDate", "2026-01-10", "amount", "120.00"))));
    ApiClient.Response fault = api.post("/api/faults", resident, Map.of("place", "Strych", "title", "Przeciek",
        "description", "Kapie z sufitu"));
    assertThat(fault.status()).isEqualTo(201);
  }

  static void ok(ApiClient.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static JsonObject timeline(String query) {
    ApiClient.Response r = api.get("/api/audit/accounts/" + accountId + "/events" + query, auditor);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  static List<String> types(JsonObject answer) {
    return answer.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("type")).toList();
  }

  @Test
  void the_timeline_spans_the_account_its_ledger_and_its_faults_in_the_order_they_happened() {
    JsonObject all = Eventually.await(() -> timeline(""), a -> types(a).contains("ChargeBooked"), Duration.ofSeconds(5));
    assertThat(types(all)).containsSubsequence("AccountRegistered", "PasswordChanged", "RegulationsAccepted",
        "AccountBlocked", "AccountUnblocked", "ChargeBooked", "FaultReported");
    JsonArray events = all.getJsonArray("events");
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.getJsonObject(i).getLong("globalIndex")).isGreaterThan(events.getJsonObject(i - 1).getLong("globalIndex"));
    }
    JsonObject charge = events.stream().map(JsonObject.class::cast).filter(e -> e.getString("type").equals("ChargeBooked"))
        .findFirst().orElseThrow();
    assertThat(charge.getString("aggregateId")).isEqualTo("sm-prudnik:ledger:T-OS");
    assertThat(charge.getJsonObject("payload").getString("entryId")).isEqualTo("C-OS");
    assertThat(all.encode()).doesNotContain("passwordHash");
  }

  @Test
  void filters_by_type_actor_and_time_narrow_the_timeline() {
    assertThat(types(timeline("?types=AccountBlocked,AccountUnblocked"))).containsExactly("AccountBlocked", "AccountUnblocked");
    JsonObject byAdmin = timeline("?actorRole=admin");
    assertThat(types(byAdmin)).contains("AccountRegistered", "AccountBlocked", "AccountUnblocked").doesNotContain("PasswordChanged");
    assertThat(types(timeline("?actorId=" + accountId))).contains("PasswordChanged", "FaultReported")
        .doesNotContain("AccountBlocked");
    List<String> before = types(timeline("?to=" + middle));
    List<String> after = types(timeline("?from=" + middle));
    assertThat(before).contains("AccountUnblocked").doesNotContain("ChargeBooked");
    assertThat(after).contains("ChargeBooked", "FaultReported").doesNotContain("AccountRegistered");
  }

  @Test
  void pages_follow_each_other_without_losing_or_repeating_an_event() {
    List<String> whole = types(timeline(""));
    List<String> paged = new ArrayList<>();
    JsonObject page = timeline("?limit=2");
    while (true) {
      paged.addAll(types(page));
      if (!page.containsKey("next")) break;
      page = timeline("?limit=2&after=" + page.getLong("next"));
    }
    assertThat(paged).isEqualTo(whole);
  }

  @Test
  void the_history_exports_as_json_lines_and_csv_with_the_same_events_as_the_timeline() throws Exception {
    List<String> whole = types(timeline(""));
    ApiClient.Response jsonl = api.get("/api/audit/accounts/" + accountId + "/export?format=jsonl", auditor);
    assertThat(jsonl.status()).isEqualTo(200);
    assertThat(jsonl.headers().firstValue("Content-Disposition").orElse("")).contains("account-" + accountId + ".jsonl");
    List<String> lines = jsonl.body().lines().toList();
    assertThat(lines.stream().map(l -> new JsonObject(l).getString("type")).toList()).isEqualTo(whole);

    ApiClient.Response csv = api.get("/api/audit/accounts/" + accountId + "/export?format=csv&types=ChargeBooked", auditor);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    var rows = new com.fasterxml.jackson.dataformat.csv.CsvMapper()
        .readerFor(Map.class).with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader())
        .<Map<String, String>>readValues(csv.body()).readAll();
    assertThat(rows).hasSize(1);
    assertThat(rows.getFirst().get("type")).isEqualTo("ChargeBooked");
    assertThat(new JsonObject(rows.getFirst().get("payload")).getString("entryId")).isEqualTo("C-OS");
    assertThat(api.get("/api/audit/accounts/" + accountId + "/export?format=xml", auditor).status()).isEqualTo(400);
    assertThat(api.get("/api/audit/accounts/" + accountId + "/export", admin).status()).isEqualTo(403);
  }

  @Test
  void bad_filters_are_refused_with_the_parameter_named() {
    for (String bad : List.of("?from=yesterday", "?limit=0", "?limit=abc", "?actorRole=king", "?types=Drop%20Table",
        "?after=-1")) {
      ApiClient.Response r = api.get("/api/audit/accounts/" + accountId + "/events" + bad, auditor);
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.error()).as(bad).isEqualTo("invalid_field");
    }
  }
}
