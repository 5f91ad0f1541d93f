package iok.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import iok.platform.config.Config.DbUrl;
import iok.support.ApiClient;
import iok.support.ApiClient.Response;
import iok.support.DemoCooperative;
import iok.support.Eventually;
import iok.support.SseClient;
import iok.support.TestIok;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stops under load and starts again on the same data. Meanwhile every request answers 503
 * at once and {@code /health} says the database is DOWN; afterwards the same node serves again without
 * a restart, live updates flow again, and every answered report, and no half of one, is recorded.
 */
class DatabaseOutageTest {

  @TempDir
  Path dataDir;

  private EmbeddedPostgres postgres(int port) throws Exception {
    return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
        .setPGStartupWait(Duration.ofSeconds(60)).start();
  }

  record Timed(Response response, long millis) {}

  static Timed timed(Supplier<Response> request) {
    long start = System.nanoTime();
    Response r = request.get();
    return new Timed(r, (System.nanoTime() - start) / 1_000_000);
  }

  static final String RETRY_KEY = java.util.UUID.randomUUID().toString();

  /** One report a careful client sends until it gets an answer other than 503, always with the same key. */
  static Response retryable(ApiClient api, String token) {
    return api.send(api.builder("/api/faults", token).header("Content-Type", "application/json")
        .header("Idempotency-Key", RETRY_KEY).POST(java.net.http.HttpRequest.BodyPublishers.ofString(
            new JsonObject().put("premisesId", "L-101").put("title", "Podczas awarii").put("description", "z").encode()))
        .build());
  }

  @Test
  void requests_fail_fast_while_the_database_is_down_and_the_node_serves_again_when_it_is_back() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    EmbeddedPostgres pg = postgres(port);
    try (TestIok node = TestIok.start(new DbUrl("localhost", port, "postgres", "postgres", ""), Map.of())) {
      ApiClient api = node.client();
      DemoCooperative opole = DemoCooperative.opole(node, api).addZones("faults");
      String admin = opole.admin();
      String maria = opole.resident(0);
      String piotr = opole.resident(1);
      Response before = api.post("/api/faults", maria, Map.of("premisesId", "L-101", "title", "Przed", "description", "x"));
      assertThat(before.status()).isEqualTo(201);
      String faultId = before.json().getString("faultId");

      Set<String> answered = ConcurrentHashMap.newKeySet();
      ConcurrentLinkedQueue<String> otherAnswers = new ConcurrentLinkedQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> load = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String token = i % 2 == 0 ? maria : piotr;
        String premises = i % 2 == 0 ? "L-101" : "L-102";
        load.add(Thread.ofVirtual().start(() -> {
          while (!stop.get()) {
            Response r = api.post("/api/faults", token, Map.of("premisesId", premises, "title", "W trakcie", "description", "y"));
            if (r.status() == 201) answered.add(r.json().getString("faultId"));
            else if (r.status() != 503) otherAnswers.add(r.status() + " " + r.body());
          }
        }));
      }

      try (SseClient live = SseClient.open(api, maria, null)) {
        Eventually.await(answered::size, n -> n >= 10, Duration.ofSeconds(20));
        pg.close();
        long stoppedAt = System.nanoTime();

        Timed query = timed(() -> api.get("/api/faults", maria));
        assertThat(query.response().status()).as(query.response().body()).isEqualTo(503);
        assertThat(query.response().error()).isEqualTo("unavailable");
        assertThat(query.millis()).as("a query fails fast").isLessThan(2_000);
        Timed command = timed(() -> retryable(api, maria));
        assertThat(command.response().status()).isEqualTo(503);
        assertThat(command.millis()).as("a command fails fast").isLessThan(2_000);
        Timed health = timed(() -> api.get("/health", null));
        assertThat(health.response().status()).isEqualTo(503);
        assertThat(health.response().json().getString("database")).isEqualTo("DOWN");
        assertThat(health.millis()).isLessThan(2_000);
        JsonObject push = Eventually.await(() -> api.get("/health", null).json().getJsonObject("push"),
            p -> !p.getBoolean("listening"), Duration.ofSeconds(5));
        assertThat(push.getBoolean("listening")).as("health tells that live updates are not listening").isFalse();
        Thread.sleep(3_000); // the load keeps knocking while the database is away

        pg = postgres(port);
        long startedAt = System.nanoTime();
        Response up = Eventually.await(() -> api.get("/health", null), r -> r.status() == 200, Duration.ofSeconds(60));
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        assertThat(up.json().getJsonObject("push").getBoolean("listening")).isTrue();
        long healthyAfter = (System.nanoTime() - startedAt) / 1_000_000;
        int answeredBeforeRecovery = answered.size();
        Eventually.await(answered::size, n -> n >= answeredBeforeRecovery + 10, Duration.ofSeconds(30));
        assertThat(answered.size()).as("the load is served again").isGreaterThanOrEqualTo(answeredBeforeRecovery + 10);
        long servedAfter = (System.nanoTime() - startedAt) / 1_000_000;
        stop.set(true);
        for (Thread t : load) t.join(Duration.ofSeconds(30));

        // the report refused during the outage, sent again with its Idempotency-Key, is booked once
        Response retried = retryable(api, maria);
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        Response again = retryable(api, maria);
        assertThat(again.json().getString("faultId")).isEqualTo(retried.json().getString("faultId"));
        assertThat(node.events(retried.json().getString("faultId"), "FaultReported")).isEqualTo(1);

        // live updates flow again on the stream opened before the outage
        live.drain(200);
        assertThat(api.post("/api/admin/faults/" + faultId + "/status", admin,
            Map.of("status", "accepted", "comment", "Po awarii bazy")).status()).isEqualTo(204);
        SseClient.Message m = Eventually.await(() -> live.next(5_000), msg -> msg == null
            || msg.event().equals("fault.status-changed"), Duration.ofSeconds(10));
        assertThat(m).as("the stream opened before the outage gets the change made after it").isNotNull();
        assertThat(m.event()).isEqualTo("fault.status-changed");

        assertThat(otherAnswers).as("only 201 or 503, never a 500").isEmpty();
        Set<String> reported = KillNodeTest.query(node,
            "SELECT aggregateidentifier FROM domainevententry WHERE payloadtype LIKE '%$FaultReported'");
        assertThat(reported).containsAll(answered);
        Set<String> projected = Eventually.await(() -> KillNodeTest.query(node, "SELECT fault_id FROM fault_view"),
            reported::equals, Duration.ofSeconds(30));
        assertThat(projected).as("the read model holds exactly the recorded faults").isEqualTo(reported);
        System.out.printf("database outage: %d ms down; failed requests answered 503 in %d ms (query), %d ms (command),"
                + " %d ms (health); healthy %d ms and 10 more reports answered %d ms after PostgreSQL was back; %d reports answered, %d recorded%n",
            (startedAt - stoppedAt) / 1_000_000, query.millis(), command.millis(), health.millis(), healthyAfter, servedAfter,
            answered.size(), reported.size());
      } finally {
        stop.set(true);
      }
    } finally {
      pg.close();
    }
  }
}
