package iok.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import iok.support.ApiClient;
import iok.support.DemoCooperative;
import iok.support.TestIok;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every event carries a SHA-256 link to the previous one of its aggregate; the auditor's verification
 * recomputes them from the stored rows. One changed byte in the database is found and named.
 */
class TamperEvidenceTest {

  static TestIok node;
  static ApiClient api;
  static String auditor;
  static String admin;

  @BeforeAll
  static void start() {
    node = TestIok.start();
    api = node.client();
    auditor = api.login("sm-prudnik", "auditor", TestIok.AUDITOR_PASSWORD);
    admin = DemoCooperative.prudnik(node, api).admin();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static JsonObject verify(String query) {
    ApiClient.Response r = api.get("/api/audit/verify" + query, auditor);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  static String registered(String first, String last) {
    return api.register(admin, first, last).getString("accountId");
  }

  @Test
  void an_untouched_store_verifies_and_every_event_carries_its_link() {
    registered("Łańcuch", "Cały");
    JsonObject whole = verify("");
    assertThat(whole.getBoolean("valid")).isTrue();
    assertThat(whole.getLong("events")).isGreaterThan(10);
    assertThat(whole.getLong("unchained")).isZero();
    assertThat(whole.containsKey("firstBroken")).isFalse();
  }

  @Test
  void one_changed_byte_of_a_payload_is_found_and_the_event_named() throws SQLException {
    String victim = registered("Zmieniona", "Treść");
    String bystander = registered("Nietknięta", "Osoba");
    assertThat(api.post("/api/admin/accounts/" + victim + "/block", admin, Map.of("reason", "Zaległości")).status())
        .isEqualTo(204);
    assertThat(verify("?account=" + victim).getBoolean("valid")).isTrue();

    // the reason is stored sealed under the person's key (R18): one byte of its sealed text changes
    String eventId = tamper(victim, "\"reason\":\"pd:v1:", "\"reason\":\"pd:v2:");

    JsonObject account = verify("?account=" + victim);
    assertThat(account.getBoolean("valid")).isFalse();
    assertThat(account.getJsonObject("firstBroken").getString("eventId")).isEqualTo(eventId);
    assertThat(account.getJsonObject("firstBroken").getString("type")).isEqualTo("AccountBlocked");
    JsonObject whole = verify("");
    assertThat(whole.getBoolean("valid")).isFalse();
    assertThat(whole.getJsonObject("firstBroken").getString("aggregateId")).isEqualTo(victim);
    assertThat(verify("?account=" + bystander).getBoolean("valid")).as("other accounts still verify").isTrue();
    tamper(victim, "\"reason\":\"pd:v2:", "\"reason\":\"pd:v1:");
    assertThat(verify("?account=" + victim).getBoolean("valid")).as("put back, it verifies again").isTrue();
  }

  @Test
  void a_removed_event_or_a_changed_actor_breaks_the_chain() throws SQLException {
    String victim = registered("Usunięte", "Zdarzenie");
    api.post("/api/admin/accounts/" + victim + "/block", admin, Map.of("reason", "Pierwszy"));
    api.post("/api/admin/accounts/" + victim + "/unblock", admin, Map.of());
    api.post("/api/admin/accounts/" + victim + "/block", admin, Map.of("reason", "Drugi"));
    actor(victim, "admin", "system");
    JsonObject changedActor = verify("?account=" + victim);
    assertThat(changedActor.getBoolean("valid")).isFalse();
    assertThat(changedActor.getJsonObject("firstBroken").getString("type")).isEqualTo("AccountUnblocked");
    actor(victim, "system", "admin");
    assertThat(verify("?account=" + victim).getBoolean("valid")).isTrue();

    String other = registered("Wycięte", "Zdarzenie");
    api.post("/api/admin/accounts/" + other + "/block", admin, Map.of("reason", "Pierwszy"));
    api.post("/api/admin/accounts/" + other + "/unblock", admin, Map.of());
    try (Connection c = node.iok().database().dataSource().getConnection()) {
      try (PreparedStatement s = c.prepareStatement("""
          CREATE TEMP TABLE cut AS SELECT * FROM domainevententry
          WHERE aggregateidentifier = ? AND payloadtype LIKE '%AccountBlocked'""")) {
        s.setString(1, other);
        s.execute();
      }
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM domainevententry WHERE eventidentifier IN (SELECT eventidentifier FROM cut)")) {
        assertThat(s.executeUpdate()).isEqualTo(1);
      }
      JsonObject removed = verify("?account=" + other);
      assertThat(removed.getBoolean("valid")).isFalse();
      assertThat(removed.getJsonObject("firstBroken").getString("reason")).contains("missing");
      try (PreparedStatement s = c.prepareStatement("INSERT INTO domainevententry SELECT * FROM cut")) {
        s.executeUpdate();
      }
    }
    assertThat(verify("?account=" + other).getBoolean("valid")).as("put back, it verifies again").isTrue();
  }

  static void actor(String accountId, String from, String to) throws SQLException {
    try (Connection c = node.iok().database().dataSource().getConnection();
         PreparedStatement s = c.prepareStatement("""
             UPDATE domainevententry SET metadata = replace(metadata, ?, ?)
             WHERE aggregateidentifier = ? AND payloadtype LIKE '%AccountUnblocked'""")) {
      s.setString(1, "\"actorRole\":\"" + from + "\"");
      s.setString(2, "\"actorRole\":\"" + to + "\"");
      s.setString(3, accountId);
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
  }

  @Test
  void only_auditors_verify_and_only_their_own_cooperatives_accounts() {
    assertThat(api.get("/api/audit/verify", admin).status()).isEqualTo(403);
    String opoleAuditor = api.login("sm-opole", "auditor", TestIok.AUDITOR_PASSWORD);
    String prudnikAccount = registered("Obca", "Spółdzielnia");
    assertThat(api.get("/api/audit/verify?account=" + prudnikAccount, opoleAuditor).status()).isEqualTo(404);
  }

  /** Replaces text in the stored payload of the account's AccountBlocked event; answers that event's id. */
  static String tamper(String accountId, String from, String to) throws SQLException {
    try (Connection c = node.iok().database().dataSource().getConnection();
         PreparedStatement s = c.prepareStatement("""
             UPDATE domainevententry SET payload = replace(payload, ?, ?)
             WHERE aggregateidentifier = ? AND payloadtype LIKE '%AccountBlocked' RETURNING eventidentifier""")) {
      s.setString(1, from);
      s.setString(2, to);
      s.setString(3, accountId);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getString(1);
      }
    }
  }
}
