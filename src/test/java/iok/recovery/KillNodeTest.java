package iok.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import iok.platform.config.Config.DbUrl;
import iok.support.ApiClient;
import iok.support.DemoCooperative;
import iok.support.Eventually;
import iok.support.NodeProcess;
import iok.support.TestDatabase;
import iok.support.TestIok;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The node is killed with SIGKILL while residents' fault reports stream in. After a restart on the same
 * database every report that was answered 201 is an event, and the read model and the live feed hold
 * exactly the events: nothing acknowledged is lost, nothing half-projected stays.
 */
class KillNodeTest {

  /** A dead node's claims on projection segments lapse quickly, so the next one takes them over at once. */
  static final Map<String, String> QUICK_TAKEOVER = Map.of("IOK_NODE_HEARTBEAT_MS", "500",
      "IOK_SEGMENT_CLAIM_TIMEOUT_SECONDS", "2", "IOK_SEGMENT_CLAIM_INTERVAL_MS", "500", "IOK_LOG_LEVEL", "WARN");

  static String url(DbUrl db) {
    return "postgresql://" + db.user() + "@" + db.host() + ":" + db.port() + "/" + db.database();
  }

  @Test
  void every_answered_report_survives_a_kill_9_and_the_read_model_converges_to_exactly_the_events() throws Exception {
    DbUrl db = TestDatabase.fresh();
    List<String> residents = new ArrayList<>();
    try (TestIok seeding = TestIok.start(db, QUICK_TAKEOVER)) {
      ApiClient api = seeding.client();
      for (DemoCooperative c : List.of(DemoCooperative.opole(seeding, api), DemoCooperative.prudnik(seeding, api))) {
        residents.add(c.resident(0));
        residents.add(c.resident(1));
      }
    }

    Set<String> answered = ConcurrentHashMap.newKeySet();
    AtomicInteger unanswered = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> senders = new ArrayList<>();
    long killedAt;
    try (NodeProcess node = NodeProcess.fromTestClasses(url(db), QUICK_TAKEOVER,
        Path.of("target", "recovery", "killed-node.log"))) {
      ApiClient api = new ApiClient(node.base());
      for (int i = 0; i < 8; i++) {
        String token = residents.get(i % residents.size());
        int sender = i;
        senders.add(Thread.ofVirtual().start(() -> {
          for (int n = 0; !stop.get(); n++) {
            try {
              ApiClient.Response r = api.post("/api/faults", token, Map.of("place", "klatka schodowa",
                  "title", "Zgłoszenie " + sender + "/" + n, "description", "Przed awarią"));
              if (r.status() == 201) answered.add(r.json().getString("faultId"));
            } catch (RuntimeException connectionLost) {
              unanswered.incrementAndGet();
            }
          }
        }));
      }
      Eventually.await(answered::size, n -> n >= 60, Duration.ofSeconds(30));
      assertThat(answered).as("reports answered before the kill").hasSizeGreaterThanOrEqualTo(60);
      node.kill();
      killedAt = System.nanoTime();
      stop.set(true);
      for (Thread t : senders) t.join(Duration.ofSeconds(40));
    }
    assertThat(unanswered.get()).as("requests in flight when the node died got no answer").isPositive();

    try (TestIok restarted = TestIok.start(db, QUICK_TAKEOVER)) {
      Set<String> reported = query(restarted, """
          SELECT aggregateidentifier FROM domainevententry WHERE payloadtype LIKE '%$FaultReported'""");
      assertThat(reported).as("every answered report is in the event store").containsAll(answered);
      Set<String> projected = Eventually.await(() -> query(restarted, "SELECT fault_id FROM fault_view"),
          reported::equals, Duration.ofSeconds(30));
      assertThat(projected).as("the read model holds exactly the reported faults").isEqualTo(reported);
      assertThat(query(restarted, "SELECT fault_id FROM fault_entry WHERE kind = 'reported'")).isEqualTo(reported);
      Set<String> pushedFor = query(restarted, """
          SELECT e.aggregateidentifier FROM push_feed p JOIN domainevententry e ON e.eventidentifier = p.event_id
          WHERE p.type = 'fault.reported'""");
      assertThat(pushedFor).as("each reported fault is in the live feed for the administrators").isEqualTo(reported);
      assertThat(restarted.count("SELECT count(*) FROM push_feed WHERE type = 'fault.reported'"))
          .as("once each").isEqualTo(reported.size());
      System.out.printf("kill -9: %d reports answered, %d requests got no answer (in flight or sent to the dead node), %d recorded;"
              + " read model matched the events %d ms after the kill%n", answered.size(), unanswered.get(),
          reported.size(), (System.nanoTime() - killedAt) / 1_000_000);
    }
  }

  static Set<String> query(TestIok node, String sql) {
    try (Connection c = node.iok().database().dataSource().getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      Set<String> values = new HashSet<>();
      while (rs.next()) values.add(rs.getString(1));
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
