package iok.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import iok.support.TestDatabase;
import iok.support.TestIok;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session key rotates without signing anybody out, as the README tells the operator: nodes in the three
 * states of a rolling rotation share one database, and a session from each is good on the others while it
 * may be; only after the old key is dropped (its sessions long expired) is an old token refused.
 */
class SessionKeyRotationTest {

  @TempDir
  Path dir;

  @Test
  void a_rolling_rotation_keeps_every_session_valid_on_every_node() throws IOException {
    String oldKey = SigningKeys.newPairPem();
    String newKey = SigningKeys.newPairPem();
    // 1: every node learns the new public key, the old key still signs
    Path knowsNew = write("phase1.pem", oldKey + publicHalf(newKey));
    // 2: the new key signs, the old one still verifies
    Path signsNew = write("phase2.pem", newKey + publicHalf(oldKey));
    // 3: once the old sessions have expired, the old key goes
    Path newOnly = write("phase3.pem", newKey);
    var db = TestDatabase.fresh();
    try (TestIok phase2 = TestIok.start(db, Map.of("IOK_JWT_KEY_FILE", signsNew.toString()))) {
      String fromPhase1;
      try (TestIok phase1 = TestIok.start(db, Map.of("IOK_JWT_KEY_FILE", knowsNew.toString()))) {
        fromPhase1 = phase1.client().login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
        String fromPhase2 = phase2.client().login("sm-opole", "admin", TestIok.ADMIN_PASSWORD);
        assertThat(kid(fromPhase1)).isNotEqualTo(kid(fromPhase2));
        assertThat(phase2.client().get("/api/me", fromPhase1).status()).isEqualTo(200);
        assertThat(phase1.client().get("/api/me", fromPhase2).status()).isEqualTo(200);
      }
      String fromPhase2 = phase2.client().login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
      try (TestIok phase3 = TestIok.start(db, Map.of("IOK_JWT_KEY_FILE", newOnly.toString()))) {
        assertThat(phase3.client().get("/api/me", fromPhase2).status()).isEqualTo(200);
        assertThat(phase3.client().get("/api/me", fromPhase1).status()).isEqualTo(401);
      }
    }
  }

  @Test
  void a_key_file_that_cannot_sign_is_refused_with_a_reason() throws IOException {
    String key = SigningKeys.newPairPem();
    Path privateOnly = write("private-only.pem", key.substring(0, key.indexOf("-----BEGIN PUBLIC KEY-----")));
    assertThatThrownBy(() -> SigningKeys.fromFile(privateOnly)).hasMessageContaining("no PUBLIC KEY matching");
    Path publicOnly = write("public-only.pem", publicHalf(key));
    assertThatThrownBy(() -> SigningKeys.fromFile(publicOnly)).hasMessageContaining("exactly one PRIVATE KEY");
    Path mismatched = write("mismatched.pem", key.substring(0, key.indexOf("-----BEGIN PUBLIC KEY-----"))
        + publicHalf(SigningKeys.newPairPem()));
    assertThatThrownBy(() -> SigningKeys.fromFile(mismatched)).hasMessageContaining("no PUBLIC KEY matching");
    assertThatThrownBy(() -> SigningKeys.fromFile(dir.resolve("missing.pem"))).hasMessageContaining("cannot be read");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
  }

  private static String publicHalf(String pair) {
    return pair.substring(pair.indexOf("-----BEGIN PUBLIC KEY-----"));
  }

  private static String kid(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8))
        .getString("kid");
  }
}
