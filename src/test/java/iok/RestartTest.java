package iok;

import static org.assertj.core.api.Assertions.assertThat;

import iok.demo.DemoSeed;
import iok.platform.config.Config;
import iok.support.ApiClient;
import iok.support.TestIok;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product as {@code java -jar iok.jar --demo} runs it: no IOK_DB_URL, so the embedded PostgreSQL
 * keeps its data in IOK_DATA_DIR. A restart on the same data keeps every account and session rule.
 */
class RestartTest {

  @TempDir
  Path dataDir;

  private Iok startNode() {
    return startNode(Map.of());
  }

  private Iok startNode(Map<String, String> more) {
    Map<String, String> env = new java.util.HashMap<>(Map.of("IOK_HTTP_PORT", "0", "IOK_DATA_DIR", dataDir.toString(),
        "IOK_ADMIN_PASSWORD", TestIok.ADMIN_PASSWORD, "IOK_AUDITOR_PASSWORD", TestIok.AUDITOR_PASSWORD));
    env.putAll(more);
    return Iok.start(Config.from(env), TestIok.cheapPasswords());
  }

  /** Anna's last name as the auditor's replay of her history reads it: sealed in the event, opened with her key. */
  private static List<String> kowalskas(Iok node) {
    ApiClient api = new ApiClient("http://localhost:" + node.port());
    String admin = api.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
    String auditor = api.login("sm-prudnik", "auditor", TestIok.AUDITOR_PASSWORD);
    String anna = api.get("/api/admin/accounts?q=Kowalska", admin).json().getJsonArray("accounts").getJsonObject(0)
        .getString("accountId");
    return api.get("/api/audit/accounts/" + anna + "/events", auditor).json().getJsonArray("events").stream()
        .map(io.vertx.core.json.JsonObject.class::cast).filter(e -> e.getString("type").equals("AccountRegistered"))
        .map(e -> e.getJsonObject("payload").getString("lastName")).toList();
  }

  /** Whether SM Prudnik's gateway key opens, as signing a payment form needs it to. */
  private static boolean gatewayKeySet(Iok node) {
    return node.gateways().ofCooperative("sm-prudnik").await().isPresent();
  }

  @Test
  void the_master_key_is_changed_with_the_previous_one_given_once_and_a_wrong_one_stops_the_start() {
    String first = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    byte[] other = new byte[32];
    java.util.Arrays.fill(other, (byte) 7);
    String second = java.util.Base64.getEncoder().encodeToString(other);
    try (Iok node = startNode(Map.of("IOK_MASTER_KEY", first))) {
      // the gateway double brings SM Prudnik's gateway key, sealed under the master key too
      DemoSeed.seedOnce(node, Config.from(Map.of("IOK_ADMIN_PASSWORD", TestIok.ADMIN_PASSWORD,
          "IOK_AUDITOR_PASSWORD", TestIok.AUDITOR_PASSWORD)).withGatewayDouble(), TestIok.cheapPasswords());
      assertThat(kowalskas(node)).containsExactly("Kowalska");
      assertThat(gatewayKeySet(node)).isTrue();
    }

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> startNode(Map.of("IOK_MASTER_KEY", second)).close())
        .as("started with another master key, every person's data would read as lost")
        .hasMessageContaining("IOK_MASTER_KEY");

    try (Iok node = startNode(Map.of("IOK_MASTER_KEY", second, "IOK_MASTER_KEY_PREVIOUS", first))) {
      assertThat(kowalskas(node)).containsExactly("Kowalska");
    }
    try (Iok node = startNode(Map.of("IOK_MASTER_KEY", second))) {
      assertThat(kowalskas(node)).as("sealed again under the new key").containsExactly("Kowalska");
      assertThat(gatewayKeySet(node)).as("the gateway key too").isTrue();
    }
  }

  @Test
  void a_restart_on_the_same_data_keeps_accounts_passwords_locks_sessions_and_regulations() {
    String residentLogin;
    String lockedLogin;
    String lockedPassword;
    String token;
    try (Iok first = startNode()) {
      Config config = Config.from(Map.of("IOK_ADMIN_PASSWORD", TestIok.ADMIN_PASSWORD,
          "IOK_AUDITOR_PASSWORD", TestIok.AUDITOR_PASSWORD));
      List<DemoSeed.Credential> credentials = DemoSeed.seedOnce(first, config, TestIok.cheapPasswords());
      assertThat(credentials).isNotEmpty();
      ApiClient api = new ApiClient("http://localhost:" + first.port());
      DemoSeed.Credential anna = credentials.stream().filter(c -> c.role().equals("resident")).findFirst().orElseThrow();
      residentLogin = anna.login();
      token = api.readyResident(anna.cooperative(), anna.login(), anna.password(), "Po1Restarcie");
      DemoSeed.Credential jan = credentials.stream().filter(c -> c.role().equals("resident")).skip(1).findFirst().orElseThrow();
      lockedLogin = jan.login();
      lockedPassword = jan.password();
      for (int i = 0; i < 3; i++) {
        api.post("/api/auth/login", null, Map.of("cooperative", "sm-prudnik", "login", lockedLogin, "password", "zle" + i));
      }
    }
    assertThat(Files.isDirectory(dataDir.resolve("postgres"))).isTrue();

    try (Iok second = startNode()) {
      ApiClient api = new ApiClient("http://localhost:" + second.port());
      Config config = Config.from(Map.of());
      assertThat(DemoSeed.seedOnce(second, config, TestIok.cheapPasswords())).as("the demo is seeded once").isEmpty();
      // the session from before the restart still holds, with its forced steps done
      var me = api.get("/api/me", token);
      assertThat(me.status()).isEqualTo(200);
      assertThat(me.json().getBoolean("mustChangePassword")).isFalse();
      assertThat(me.json().getBoolean("mustAcceptRegulations")).isFalse();
      // the changed password is the one that works
      assertThat(api.login("sm-prudnik", residentLogin, "Po1Restarcie")).isNotBlank();
      // the lock survived
      assertThat(api.post("/api/auth/login", null, Map.of("cooperative", "sm-prudnik", "login", lockedLogin,
          "password", lockedPassword)).status()).isEqualTo(423);
      assertThat(api.get("/health", null).json().getString("status")).isEqualTo("UP");
    }
  }
}
