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
    return Iok.start(Config.from(Map.of("IOK_HTTP_PORT", "0", "IOK_DATA_DIR", dataDir.toString(),
        "IOK_ADMIN_PASSWORD", TestIok.ADMIN_PASSWORD, "IOK_AUDITOR_PASSWORD", TestIok.AUDITOR_PASSWORD)),
        TestIok.cheapPasswords());
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
