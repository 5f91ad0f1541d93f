package iok.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A remembered token is still refused once it expires, and remembering a good token lets no forged one in. */
class VerifiedTokensTest {

  private static Vertx vertx;
  private static JWTAuth jwt;

  @BeforeAll
  static void keys() throws Exception {
    vertx = Vertx.vertx();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(pem("PRIVATE KEY", pair.getPrivate().getEncoded())))
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(pem("PUBLIC KEY", pair.getPublic().getEncoded()))));
  }

  @AfterAll
  static void close() {
    vertx.close();
  }

  @Test
  void aRememberedTokenIsRefusedOnceItHasExpired() throws Exception {
    String token = jwt.generateToken(new JsonObject().put("sub", "a-1"), new JWTOptions().setAlgorithm("ES256").setExpiresInSeconds(60));
    MovingClock clock = new MovingClock(Instant.now());
    VerifiedTokens tokens = new VerifiedTokens(jwt, clock);

    assertThat(principal(tokens, token)).map(p -> p.getString("sub")).contains("a-1");
    assertThat(principal(tokens, token)).as("the second time, from memory").map(p -> p.getString("sub")).contains("a-1");

    clock.now = clock.now.plusSeconds(61);
    assertThat(principal(tokens, token)).isEmpty();
  }

  @Test
  void aForgedTokenIsRefusedWhileTheGenuineOneIsRemembered() throws Exception {
    String token = jwt.generateToken(new JsonObject().put("sub", "a-2"), new JWTOptions().setAlgorithm("ES256").setExpiresInSeconds(60));
    VerifiedTokens tokens = new VerifiedTokens(jwt, Clock.systemUTC());
    assertThat(principal(tokens, token)).isPresent();

    String[] parts = token.split("\\.");
    String otherClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
        new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]))).put("sub", "a-3").encode().getBytes());
    assertThat(principal(tokens, parts[0] + "." + otherClaims + "." + parts[2])).isEmpty();
  }

  private static Optional<JsonObject> principal(VerifiedTokens tokens, String token) throws Exception {
    return tokens.principal(token).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static final class MovingClock extends Clock {
    Instant now;

    MovingClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
