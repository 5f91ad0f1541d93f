package iok.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import iok.support.ApiClient;
import iok.support.ApiClient.Response;
import iok.support.DemoCooperative;
import iok.support.TestIok;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A client that lost an answer sends again with the same Idempotency-Key: the change is booked once. */
class IdempotencyKeyTest {

  static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Warsaw"));

  static TestIok node;
  static ApiClient api;
  static String admin;
  static String maria;
  static String piotr;

  @BeforeAll
  static void start() {
    node = TestIok.start();
    api = node.client();
    DemoCooperative opole = DemoCooperative.opole(node, api).addZones("faults");
    admin = opole.admin();
    maria = opole.resident(0);
    piotr = opole.resident(1);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Response post(String path, String token, String key, Object body) {
    String json = body instanceof String s ? s : JsonObject.mapFrom(body).encode();
    HttpRequest.Builder b = api.builder(path, token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (key != null) b.header("Idempotency-Key", key);
    return api.send(b.build());
  }

  static long faultsReportedBy(String token) {
    return api.get("/api/faults", token).json().getJsonArray("faults").size();
  }

  @Test
  void a_fault_report_sent_again_with_the_same_key_is_booked_once_and_answered_as_the_first_time() {
    String key = UUID.randomUUID().toString();
    Map<String, String> report = Map.of("premisesId", "L-101", "title", "Cieknie kran", "description", "Od rana");
    long eventsBefore = node.events(null, "FaultReported");
    Response first = post("/api/faults", maria, key, report);
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    Response again = post("/api/faults", maria, key, report);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().getString("faultId")).isEqualTo(first.json().getString("faultId"));
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(node.events(null, "FaultReported")).isEqualTo(eventsBefore + 1);
    // without a key the same body is a new report, as before
    assertThat(post("/api/faults", maria, null, report).status()).isEqualTo(201);
    assertThat(node.events(null, "FaultReported")).isEqualTo(eventsBefore + 2);
  }

  static int sql(String statement, Object... params) {
    try (java.sql.Connection c = node.iok().database().dataSource().getConnection();
         java.sql.PreparedStatement s = c.prepareStatement(statement)) {
      for (int i = 0; i < params.length; i++) s.setObject(i + 1, params[i]);
      return s.executeUpdate();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends a report with the key, then makes its claim look unanswered for two minutes, held by {@code node}. */
  static Map<String, String> unansweredClaim(String key, String title, String nodeSql) {
    Map<String, String> report = Map.of("premisesId", "L-101", "title", title, "description", "x");
    assertThat(post("/api/faults", maria, key, report).status()).isEqualTo(201);
    assertThat(sql("""
        UPDATE idempotency_key SET request_id = 'still-running', status = NULL, content_type = NULL, body = NULL,
          claimed_at = now() - interval '2 minutes', node_id = (%s)
        WHERE key = ?""".formatted(nodeSql), key)).isEqualTo(1);
    return report;
  }

  @Test
  void an_unanswered_claim_is_taken_over_only_once_its_node_has_died_or_restarted() {
    String thisNode = "SELECT node_id FROM iok_node ORDER BY seen_at DESC LIMIT 1";
    // this node has been up for ten minutes, so a claim of two minutes ago is its own
    sql("UPDATE iok_node SET started_at = now() - interval '10 minutes' WHERE node_id = (" + thisNode + ")");
    long eventsBefore = node.events(null, "FaultReported");
    String key = UUID.randomUUID().toString();
    Map<String, String> report = unansweredClaim(key, "Długi import", thisNode);
    Response waiting = post("/api/faults", maria, key, report);
    assertThat(waiting.status()).as("its node is alive: it may still answer").isEqualTo(409);
    assertThat(waiting.json().getString("error")).isEqualTo("idempotency_key_in_use");
    assertThat(node.events(null, "FaultReported")).isEqualTo(eventsBefore + 1);

    // the node was restarted under the same id since: the request died with its earlier life
    sql("UPDATE iok_node SET started_at = now() WHERE node_id = (" + thisNode + ")");
    assertThat(post("/api/faults", maria, key, report).status()).as("taken over after a restart").isEqualTo(201);
    assertThat(node.events(null, "FaultReported")).isEqualTo(eventsBefore + 2);

    String another = UUID.randomUUID().toString();
    Map<String, String> second = unansweredClaim(another, "Drugi import", "SELECT 'a-node-that-died'");
    assertThat(post("/api/faults", maria, another, second).status()).as("its node died: the retry runs").isEqualTo(201);
    assertThat(node.events(null, "FaultReported")).isEqualTo(eventsBefore + 4);
  }

  @Test
  void a_meter_reading_retried_with_the_same_key_is_one_reading() {
    // the demo makes SM Opole's reading windows mandatory; this reading is taken on any day
    assertThat(api.put("/api/admin/settings/readings", admin, "{\"windows\":[]}").status()).isEqualTo(200);
    Response meter = api.post("/api/admin/meters", admin, Map.of("premisesId", "L-101", "kind", "cold", "number",
        "I-" + System.nanoTime(), "place", "łazienka", "legalisedUntil", TODAY.plusYears(4).toString(),
        "installedOn", TODAY.minusDays(30).toString(), "initialValue", "10"));
    assertThat(meter.status()).as(meter.body()).isEqualTo(201);
    String meterId = meter.json().getString("meterId");
    String key = UUID.randomUUID().toString();
    Response first = post("/api/meters/" + meterId + "/readings", maria, key, Map.of("value", "12.5"));
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    Response again = post("/api/meters/" + meterId + "/readings", maria, key, Map.of("value", "12.5"));
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().getString("readingId")).isEqualTo(first.json().getString("readingId"));
    assertThat(node.events(meterId, "ReadingSubmitted")).isEqualTo(1);
  }

  @Test
  void a_first_password_is_never_kept_for_a_retry_and_the_retry_registers_nobody_twice() {
    String key = UUID.randomUUID().toString();
    Map<String, String> person = Map.of("firstName", "Ewa", "lastName", "Powtórzona");
    long before = node.events(null, "AccountRegistered");
    Response first = post("/api/admin/accounts", admin, key, person);
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    String password = first.json().getString("initialPassword");
    Response again = post("/api/admin/accounts", admin, key, person);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().getString("error")).isEqualTo("idempotency_answer_not_kept");
    assertThat(node.events(null, "AccountRegistered")).isEqualTo(before + 1);
    assertThat(node.count("SELECT count(*) FROM idempotency_key WHERE body LIKE ?", "%" + password + "%"))
        .as("the password is nowhere in the idempotency table").isZero();
  }

  @Test
  void the_same_key_with_another_body_is_refused_and_records_nothing() {
    String key = UUID.randomUUID().toString();
    assertThat(post("/api/faults", maria, key, Map.of("premisesId", "L-101", "title", "Drzwi", "description", "Skrzypią"))
        .status()).isEqualTo(201);
    long events = node.allEvents();
    Response other = post("/api/faults", maria, key, Map.of("premisesId", "L-101", "title", "Okno", "description", "Wieje"));
    assertThat(other.status()).as(other.body()).isEqualTo(422);
    assertThat(other.error()).isEqualTo("idempotency_key_reused");
    assertThat(node.allEvents()).isEqualTo(events);
  }

  @Test
  void a_refusal_is_kept_as_the_answer_too() {
    String key = UUID.randomUUID().toString();
    Map<String, String> notHers = Map.of("premisesId", "L-102", "title", "x", "description", "y");
    Response first = post("/api/faults", maria, key, notHers);
    assertThat(first.status()).isBetween(400, 499);
    Response again = post("/api/faults", maria, key, notHers);
    assertThat(again.status()).isEqualTo(first.status());
    assertThat(again.body()).isEqualTo(first.body());
  }

  @Test
  void keys_belong_to_the_account_that_sent_them() {
    String key = "shared-" + UUID.randomUUID();
    assertThat(post("/api/faults", maria, key, Map.of("premisesId", "L-101", "title", "A", "description", "a")).status())
        .isEqualTo(201);
    Response his = post("/api/faults", piotr, key, Map.of("premisesId", "L-102", "title", "B", "description", "b"));
    assertThat(his.status()).as(his.body()).isEqualTo(201);
    assertThat(his.headers().firstValue("Idempotent-Replayed")).isEmpty();
  }

  @Test
  void a_key_that_is_not_a_visible_ascii_token_is_malformed() {
    Response r = post("/api/faults", maria, "x".repeat(300), Map.of("premisesId", "L-101", "title", "A", "description", "a"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).isEqualTo("malformed_idempotency_key");
  }

  @Test
  void copies_sent_at_the_same_moment_book_once() throws Exception {
    String key = UUID.randomUUID().toString();
    long before = faultsReportedBy(piotr);
    long eventsBefore = node.events(null, "FaultReported");
    Map<String, String> report = Map.of("premisesId", "L-102", "title", "Winda stoi", "description", "Od wczoraj");
    int copies = 8;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Response>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(copies)) {
      for (int i = 0; i < copies; i++) {
        answers.add(pool.submit((Callable<Response>) () -> {
          go.await();
          return post("/api/faults", piotr, key, report);
        }));
      }
      go.countDown();
      List<String> faultIds = new ArrayList<>();
      for (Future<Response> f : answers) {
        Response r = f.get();
        if (r.status() == 201) faultIds.add(r.json().getString("faultId"));
        else assertThat(r.error()).as(r.body()).isEqualTo("idempotency_key_in_use");
      }
      assertThat(faultIds).isNotEmpty();
      assertThat(faultIds).allMatch(faultIds.get(0)::equals);
    }
    assertThat(node.events(null, "FaultReported")).isEqualTo(eventsBefore + 1);
    assertThat(faultsReportedBy(piotr)).isEqualTo(before + 1);
    // once the first is answered, a late copy gets its answer
    Response late = post("/api/faults", piotr, key, report);
    assertThat(late.status()).isEqualTo(201);
  }
}
