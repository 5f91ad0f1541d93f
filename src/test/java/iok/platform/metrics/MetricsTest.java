package iok.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import iok.membership.read.files.MembershipProjection;
import iok.support.ApiClient;
import iok.support.DemoCooperative;
import iok.support.Eventually;
import iok.support.SseClient;
import iok.support.TestDatabase;
import iok.support.TestIok;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: what an operator's Prometheus reads from a node after some traffic. */
class MetricsTest {

  private static final String TOKEN = "scraper-secret-1";

  static TestIok node;
  static ApiClient api;
  static String admin;

  @BeforeAll
  static void start() {
    node = TestIok.start(TestDatabase.fresh(), Map.of("IOK_METRICS_TOKEN", TOKEN, "IOK_DB_POOL_SIZE", "20"));
    api = node.client();
    admin = DemoCooperative.prudnik(node, api).admin();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static ApiClient.Response publish(String version) {
    return api.post("/api/admin/regulations", admin, Map.of("version", version, "text", "Regulamin " + version));
  }

  private static String scrape() {
    ApiClient.Response r = api.get("/metrics", TOKEN);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
    return r.body();
  }

  /** The value of the one sample of {@code name} whose labels include all of {@code labels} (written k="v"); NaN if none. */
  private static double sample(String text, String name, String... labels) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$").matcher(text);
    while (m.find()) {
      boolean all = true;
      for (String label : labels) all &= m.group(1).contains(label);
      if (all) return Double.parseDouble(m.group(2));
    }
    return Double.NaN;
  }

  private static double lagEvents(String processor) {
    return sample(scrape(), "iok_projection_lag_events", "processor=\"" + processor + "\"");
  }

  @Test
  void requests_and_commands_are_counted_by_route_outcome_and_time() {
    String before = scrape();
    double published = sample(before, "iok_commands_seconds_count", "command=\"PublishRegulations\"", "outcome=\"success\"");
    assertThat(publish("metrics-1").status()).isEqualTo(201);
    assertThat(publish("metrics-1").status()).as("the same version again is refused").isEqualTo(409);
    assertThat(api.get("/api/me", "not-a-session").status()).isEqualTo(401);

    String after = scrape();
    assertThat(sample(after, "iok_commands_seconds_count", "command=\"PublishRegulations\"", "outcome=\"success\""))
        .isEqualTo((Double.isNaN(published) ? 0 : published) + 1);
    assertThat(sample(after, "iok_commands_seconds_count", "command=\"PublishRegulations\"", "outcome=\"refused\""))
        .isEqualTo(1);
    // a latency histogram: every command took less than ten seconds, and the sum is a real duration
    assertThat(sample(after, "iok_commands_seconds_bucket", "command=\"PublishRegulations\"", "outcome=\"refused\"", "le=\"10.0\""))
        .isEqualTo(1);
    assertThat(sample(after, "iok_commands_seconds_sum", "command=\"PublishRegulations\"", "outcome=\"refused\""))
        .isPositive().isLessThan(10);
    // requests by route template, method and status
    assertThat(sample(after, "vertx_http_server_requests_total", "route=\"/api/admin/regulations\"", "code=\"201\"",
        "method=\"POST\"")).isGreaterThanOrEqualTo(1);
    assertThat(sample(after, "vertx_http_server_requests_total", "route=\"/api/admin/regulations\"", "code=\"409\""))
        .isEqualTo(1);
    assertThat(sample(after, "vertx_http_server_requests_total", "route=\"/api/me\"", "code=\"401\"")).isEqualTo(1);
    assertThat(sample(after, "vertx_http_server_response_time_seconds_bucket", "route=\"/api/admin/regulations\"",
        "code=\"201\"", "le=\"+Inf\"")).isGreaterThanOrEqualTo(1);
    // both database pools: JDBC (Axon, projections) and the reactive one (queries)
    assertThat(sample(after, "hikaricp_connections_max", "pool=\"iok-jdbc\"")).as("IOK_DB_POOL_SIZE").isEqualTo(20);
    assertThat(sample(after, "hikaricp_connections_active", "pool=\"iok-jdbc\"")).isBetween(0.0, 20.0);
    assertThat(sample(after, "vertx_pool_usage_seconds_count", "pool_name=\"iok-pg\"")).isPositive();
    assertThat(sample(after, "vertx_pool_in_use", "pool_name=\"iok-pg\"")).isBetween(0.0, 8.0);
  }

  @Test
  void open_event_streams_are_counted() throws Exception {
    double before = sample(scrape(), "iok_push_connections");
    try (SseClient one = SseClient.open(api, admin, null); SseClient two = SseClient.open(api, admin, null)) {
      assertThat(one.status()).isEqualTo(200);
      assertThat(two.status()).isEqualTo(200);
      assertThat(sample(scrape(), "iok_push_connections")).isEqualTo(before + 2);
    }
    Eventually.await(() -> sample(scrape(), "iok_push_connections"), n -> n == before, Duration.ofSeconds(5));
  }

  @Test
  void every_projection_shows_no_lag_once_caught_up_and_a_growing_one_while_it_is_stopped() {
    String[] processors = {"accounts", "cooperatives", "membership", "faults", "meters", "notifications"};
    String caughtUp = Eventually.await(MetricsTest::scrape, text -> java.util.Arrays.stream(processors)
        .allMatch(p -> sample(text, "iok_projection_lag_events", "processor=\"" + p + "\"") == 0), Duration.ofSeconds(10));
    for (String processor : processors) {
      assertThat(sample(caughtUp, "iok_projection_lag_seconds", "processor=\"" + processor + "\"")).as(processor).isZero();
      assertThat(sample(caughtUp, "iok_projection_segments_claimed", "processor=\"" + processor + "\"")).as(processor)
          .isEqualTo(16);
    }

    EventProcessor membership = node.iok().axon().eventProcessingConfiguration()
        .eventProcessor(MembershipProjection.PROCESSOR).orElseThrow();
    membership.shutDown();
    try {
      // a stopped processor's segments restart from their stored tokens, which may be a little behind what it had read
      double stopped = lagEvents("membership");
      assertThat(publish("metrics-lag-1").status()).isEqualTo(201);
      assertThat(publish("metrics-lag-2").status()).isEqualTo(201);
      String behind = scrape();
      assertThat(sample(behind, "iok_projection_lag_events", "processor=\"membership\"")).isEqualTo(stopped + 2);
      assertThat(sample(behind, "iok_projection_lag_seconds", "processor=\"membership\"")).isPositive().isLessThan(60);
      assertThat(sample(behind, "iok_projection_segments_claimed", "processor=\"membership\"")).isZero();
      assertThat(sample(behind, "iok_projection_lag_events", "processor=\"cooperatives\"")).isZero();
    } finally {
      membership.start();
    }
    Eventually.await(() -> lagEvents("membership"), lag -> lag == 0, Duration.ofSeconds(15));
  }

  @Test
  void without_the_token_nobody_reads_the_metrics() {
    assertThat(api.get("/metrics", null).status()).isEqualTo(401);
    ApiClient.Response wrong = api.get("/metrics", "scraper-secret-2");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.error()).isEqualTo("metrics_token_required");
  }
}
