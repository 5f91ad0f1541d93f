package iok;

import static org.assertj.core.api.Assertions.assertThat;

import iok.platform.config.Config.DbUrl;
import iok.support.ApiClient;
import iok.support.DemoCooperative;
import iok.support.Eventually;
import iok.support.SseClient;
import iok.support.SseClient.Message;
import iok.support.TestDatabase;
import iok.support.TestIok;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two IOK nodes on one PostgreSQL, as behind a load balancer: they share the projections' segments, a
 * browser on one hears what was done on the other, and a browser moving to the other node when its own
 * stops gets every message exactly once. The tests run in order: the last one stops and restarts node B.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesTest {

  /** Segments move within a second or two instead of the production defaults' ten. */
  private static final Map<String, String> QUICK = Map.of("IOK_NODE_HEARTBEAT_MS", "300",
      "IOK_SEGMENT_CLAIM_INTERVAL_MS", "200", "IOK_SEGMENT_CLAIM_TIMEOUT_SECONDS", "5");
  private static final Duration MOVE = Duration.ofSeconds(20);

  static DbUrl db;
  static TestIok a;
  static TestIok b;
  static ApiClient onA;
  static ApiClient onB;
  static String admin;
  static String anna;

  @BeforeAll
  static void start() {
    db = TestDatabase.fresh();
    a = TestIok.start(db, QUICK);
    b = TestIok.start(db, QUICK);
    onA = a.client();
    onB = b.client();
    DemoCooperative prudnik = DemoCooperative.prudnik(a, onA);
    admin = prudnik.admin();
    anna = prudnik.resident(0);
  }

  @AfterAll
  static void stop() {
    if (b != null) b.close();
    if (a != null) a.close();
  }

  /** How many segments each streaming processor holds on a node now. */
  private static Map<String, Integer> held(TestIok node) {
    Map<String, Integer> held = new TreeMap<>();
    segments(node).forEach((name, ids) -> held.put(name, ids.size()));
    return held;
  }

  /** Which segments each streaming processor holds on a node now. */
  private static Map<String, Set<Integer>> segments(TestIok node) {
    Map<String, Set<Integer>> held = new TreeMap<>();
    node.iok().axon().eventProcessingConfiguration().eventProcessors().forEach((name, p) -> {
      if (p instanceof StreamingEventProcessor s) held.put(name, new TreeSet<>(s.processingStatus().keySet()));
    });
    return held;
  }

  /** Each node holds half of every processor's 16 segments, and no segment is held by both. */
  private static boolean split(Map<String, Set<Integer>> one, Map<String, Set<Integer>> other) {
    if (one.isEmpty() || !one.keySet().equals(other.keySet())) return false;
    for (String name : one.keySet()) {
      Set<Integer> both = new TreeSet<>(one.get(name));
      both.addAll(other.get(name));
      if (one.get(name).size() != 8 || other.get(name).size() != 8 || both.size() != 16) return false;
    }
    return true;
  }

  private static String publish(ApiClient on, String version) {
    ApiClient.Response r = on.post("/api/admin/regulations", admin, Map.of("version", version, "text", "Regulamin " + version));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return version;
  }

  private static List<String> versions(List<Message> messages) {
    List<String> versions = new ArrayList<>();
    for (Message m : messages) versions.add(m.data().getString("version"));
    return versions;
  }

  @Test
  @Order(1)
  void the_second_node_starts_on_the_same_database_without_seeding_it_again() {
    assertThat(a.events(null, "CooperativeEstablished")).isEqualTo(2);
    // node B knows the accounts node A's demo made: the same session works on both
    assertThat(onB.get("/api/me", anna).status()).isEqualTo(200);
    assertThat(onB.get("/health", null).json().getString("status")).isEqualTo("UP");
  }

  @Test
  @Order(2)
  void every_processors_segments_are_shared_out_half_and_half() {
    List<Map<String, Set<Integer>>> both = Eventually.await(() -> List.of(segments(a), segments(b)),
        now -> split(now.get(0), now.get(1)), MOVE);
    assertThat(split(both.get(0), both.get(1))).as("node A holds %s, node B %s", both.get(0), both.get(1)).isTrue();
    assertThat(held(a)).as("node A").hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  @Order(3)
  void a_browser_on_node_a_hears_of_regulations_published_on_node_b() throws Exception {
    try (SseClient annaOnA = SseClient.open(onA, anna, null)) {
      assertThat(annaOnA.status()).isEqualTo(200);
      publish(onB, "two-nodes-1");
      Message m = annaOnA.next(3_000);
      assertThat(m).as("the push reached node A").isNotNull();
      assertThat(m.event()).isEqualTo("regulations.published");
      assertThat(m.data().getString("version")).isEqualTo("two-nodes-1");
      assertThat(annaOnA.drain(300)).as("once").isEmpty();
    }
  }

  @Test
  @Order(4)
  void when_node_b_stops_node_a_takes_every_segment_and_a_browser_moving_over_misses_and_repeats_nothing()
      throws Exception {
    String lastSeen;
    try (SseClient annaOnB = SseClient.open(onB, anna, null)) {
      publish(onA, "restart-1");
      Message first = annaOnB.next(3_000);
      assertThat(first).isNotNull();
      assertThat(first.data().getString("version")).isEqualTo("restart-1");
      lastSeen = first.id();

      b.close();
      b = null;
    }
    // while the browser is away, and while node A takes over what B was projecting
    publish(onA, "restart-2");
    publish(onA, "restart-3");
    Map<String, Integer> all = Eventually.await(() -> held(a), h -> h.values().stream().allMatch(n -> n == 16), MOVE);
    assertThat(all).as("node A holds every segment").isNotEmpty().allSatisfy((name, n) -> assertThat(n).as(name).isEqualTo(16));

    // the browser reconnects through the load balancer, now to node A, with the last id it saw
    try (SseClient annaOnA = SseClient.open(onA, anna, lastSeen)) {
      List<Message> missed = new ArrayList<>(List.of(annaOnA.next(3_000), annaOnA.next(3_000)));
      publish(onA, "restart-4");
      missed.add(annaOnA.next(3_000));
      missed.addAll(annaOnA.drain(500));
      assertThat(versions(missed)).containsExactly("restart-2", "restart-3", "restart-4");
      long before = Long.parseLong(lastSeen);
      assertThat(missed).extracting(m -> Long.parseLong(m.id())).isSorted().doesNotHaveDuplicates()
          .allSatisfy(id -> assertThat(id).isGreaterThan(before));
      lastSeen = missed.get(2).id();
    }

    // node B comes back: it takes half of every processor again and serves the same stream
    b = TestIok.start(db, QUICK);
    onB = b.client();
    List<Map<String, Set<Integer>>> again = Eventually.await(() -> List.of(segments(a), segments(b)),
        now -> split(now.get(0), now.get(1)), MOVE);
    assertThat(split(again.get(0), again.get(1))).as("node A holds %s, node B %s", again.get(0), again.get(1)).isTrue();
    try (SseClient annaOnB = SseClient.open(onB, anna, lastSeen)) {
      publish(onA, "restart-5");
      publish(onB, "restart-6");
      List<Message> after = new ArrayList<>();
      after.add(annaOnB.next(3_000));
      after.add(annaOnB.next(3_000));
      after.addAll(annaOnB.drain(500));
      assertThat(versions(after)).containsExactly("restart-5", "restart-6");
    }
  }
}
