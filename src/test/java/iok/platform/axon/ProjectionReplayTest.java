package iok.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import iok.support.ApiClient;
import iok.support.DemoCooperative;
import iok.support.Eventually;
import iok.support.TestIok;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An administrator rebuilds one read model while residents keep writing: it ends equal to a fresh
 * projection of the same events, every write included; the node says it is rebuilding meanwhile.
 */
class ProjectionReplayTest {

  static TestIok node;
  static ApiClient api;
  static String admin;
  static String resident;

  @BeforeAll
  static void start() {
    node = TestIok.start();
    api = node.client();
    DemoCooperative opole = DemoCooperative.opole(node, api).addZones("faults");
    admin = opole.admin();
    resident = opole.resident(0);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static String report(int i) {
    ApiClient.Response r = api.post("/api/faults", resident, Map.of("place", "Klatka " + i, "title", "Usterka " + i,
        "description", "Opis " + i));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getString("faultId");
  }

  static List<String> table(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = node.iok().database().dataSource().getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) row.append(rs.getString(i)).append('|');
        rows.add(row.toString());
      }
    }
    return rows;
  }

  static List<String> faultsReadModel() throws SQLException {
    List<String> all = new ArrayList<>(table("SELECT * FROM fault_view ORDER BY fault_id"));
    all.addAll(table("SELECT * FROM fault_entry ORDER BY fault_id, sequence"));
    return all;
  }

  static void replayAndWait() {
    ApiClient.Response started = api.post("/api/admin/projections/faults/replay", admin, null);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    JsonObject settled = Eventually.await(() -> api.get("/health", null).json(),
        h -> h.getJsonObject("replaying").isEmpty(), Duration.ofSeconds(30));
    assertThat(settled.getJsonObject("replaying")).as("the rebuild finished").isEmpty();
  }

  @Test
  void a_rebuild_under_concurrent_writes_ends_equal_to_a_fresh_projection_of_the_same_events() throws Exception {
    List<String> faults = new ArrayList<>();
    for (int i = 0; i < 20; i++) faults.add(report(i));
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger comments = new AtomicInteger();
    Thread writer = Thread.ofVirtual().start(() -> {
      int i = 0;
      while (writing.get()) {
        ApiClient.Response r = api.post("/api/faults/" + faults.get(i++ % faults.size()) + "/comments", resident,
            Map.of("text", "Komentarz " + i));
        if (r.status() == 204) comments.incrementAndGet();
      }
    });
    Thread.sleep(300);
    replayAndWait();
    Thread.sleep(300);
    writing.set(false);
    writer.join();
    assertThat(comments.get()).as("writes went on during the rebuild").isPositive();

    // once caught up, the rebuilt model holds every comment written, before, during and after the rebuild
    long expected = node.events(null, "FaultCommented");
    Eventually.await(() -> table("SELECT 1 FROM fault_entry WHERE kind = 'comment'").size(), n -> n == expected,
        Duration.ofSeconds(10));
    assertThat(table("SELECT 1 FROM fault_entry WHERE kind = 'comment'")).hasSize((int) expected);
    List<String> rebuiltUnderLoad = faultsReadModel();

    replayAndWait();
    Eventually.await(ProjectionReplayTest::faultsReadModel, rebuiltUnderLoad::equals, Duration.ofSeconds(10));
    assertThat(faultsReadModel()).as("a fresh projection of the same events").isEqualTo(rebuiltUnderLoad);
  }

  @Test
  void only_administrators_rebuild_and_only_what_can_be_replayed() {
    assertThat(api.post("/api/admin/projections/faults/replay", resident, null).status()).isEqualTo(403);
    assertThat(api.post("/api/admin/projections/nothing-such/replay", admin, null).status()).isEqualTo(404);
    ApiClient.Response notifications = api.post("/api/admin/projections/notifications/replay", admin, null);
    assertThat(notifications.status()).isEqualTo(409);
    assertThat(notifications.error()).isEqualTo("not_replayable");
    JsonObject listed = api.get("/api/admin/projections", admin).json().getJsonObject("projections");
    assertThat(listed.getJsonObject("faults").getBoolean("replayable")).isTrue();
    assertThat(listed.getJsonObject("notifications").getBoolean("replayable")).isFalse();
  }
}
