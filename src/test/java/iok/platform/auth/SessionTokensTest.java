package iok.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import iok.support.ApiClient;
import iok.support.ApiClient.Response;
import iok.support.TestIok;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A session token is believed only as IOK signed it: unsigned ("alg": "none"), signed with an HMAC over the
 * public key, signed by another key, expired, issued by someone else or with any claim changed, it answers
 * 401 — as a Bearer token and as the cookie alike. A token re-signed here with the installation's real key
 * is accepted, which shows the forgeries fail for what was changed and not for how the test built them.
 */
class SessionTokensTest {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private static TestIok node;
  private static ApiClient api;
  private static Vertx vertx;
  private static String token;
  private static JsonObject claims;
  private static String kid;
  private static String otherAccount;
  private static JWTAuth realKey;
  private static String publicPem;

  @BeforeAll
  static void start() throws Exception {
    node = TestIok.start();
    api = node.client();
    token = api.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
    String[] parts = token.split("\\.");
    kid = new JsonObject(new String(B64D.decode(parts[0]), StandardCharsets.UTF_8)).getString("kid");
    claims = new JsonObject(new String(B64D.decode(parts[1]), StandardCharsets.UTF_8));
    otherAccount = api.post("/api/auth/login", null, new JsonObject().put("cooperative", "sm-prudnik")
        .put("login", "auditor").put("password", TestIok.AUDITOR_PASSWORD).encode()).json().getString("accountId");
    String privatePem;
    try (Connection c = node.iok().database().dataSource().getConnection();
         ResultSet rs = c.createStatement().executeQuery(
             "SELECT private_pem, public_pem FROM iok_secret WHERE name = 'session-signing-key'")) {
      rs.next();
      privatePem = rs.getString(1);
      publicPem = rs.getString(2);
    }
    vertx = Vertx.vertx();
    realKey = es256(privatePem, publicPem);
  }

  @AfterAll
  static void stop() {
    if (vertx != null) vertx.close();
    if (node != null) node.close();
  }

  @Test
  void the_token_as_issued_and_one_re_signed_with_the_real_key_are_accepted() {
    assertThat(kid).as("new tokens name their key").isNotBlank();
    assertThat(me(token).status()).isEqualTo(200);
    String resigned = realKey.generateToken(payload(), new JWTOptions().setAlgorithm("ES256").setNoTimestamp(true)
        .setHeader(new JsonObject().put("kid", kid)));
    assertThat(me(resigned).status()).isEqualTo(200);
  }

  static Stream<Arguments> forgeries() {
    long now = System.currentTimeMillis() / 1000;
    JWTAuth otherKey = es256(SigningKeys.newPairPem().split("(?=-----BEGIN PUBLIC KEY-----)")[0],
        SigningKeys.newPairPem().split("(?=-----BEGIN PUBLIC KEY-----)")[1]);
    JWTOptions es256 = new JWTOptions().setAlgorithm("ES256").setNoTimestamp(true);
    return Stream.of(
        Arguments.of("alg none", unsigned("none", payload())),
        Arguments.of("alg None", unsigned("None", payload())),
        Arguments.of("alg NONE", unsigned("NONE", payload())),
        Arguments.of("alg none with the real signature kept", unsigned("none", payload()) + token.split("\\.")[2]),
        Arguments.of("HS256 keyed with the public key", hmac(publicPem, payload())),
        Arguments.of("signed by another key", otherKey.generateToken(payload(), es256)),
        Arguments.of("signed by another key naming the real kid",
            otherKey.generateToken(payload(), es256.setHeader(new JsonObject().put("kid", kid)))),
        Arguments.of("expired a minute ago", realKey.generateToken(payload().put("iat", now - 3600).put("exp", now - 60),
            new JWTOptions().setAlgorithm("ES256").setNoTimestamp(true))),
        Arguments.of("issued by someone else", realKey.generateToken(payload().put("iss", "someone-else"),
            new JWTOptions().setAlgorithm("ES256").setNoTimestamp(true))),
        Arguments.of("another account in sub, signature kept", withPayload(token, payload().put("sub", otherAccount))),
        Arguments.of("another cooperative in coop, signature kept", withPayload(token, payload().put("coop", "sm-opole"))),
        Arguments.of("a later expiry, signature kept", withPayload(token, payload().put("exp", now + 86_400 * 365))),
        Arguments.of("a later session epoch, signature kept",
            withPayload(token, payload().put("ep", payload().getLong("ep") + 1))),
        Arguments.of("the real key's token with a claim of the wrong type",
            realKey.generateToken(payload().put("sub", 42), new JWTOptions().setAlgorithm("ES256").setNoTimestamp(true))),
        Arguments.of("a header that is not JSON", B64.encodeToString("{{".getBytes()) + "." + token.split("\\.", 2)[1]),
        Arguments.of("two parts only", token.substring(0, token.lastIndexOf('.'))),
        Arguments.of("garbage", "not-a-token"),
        Arguments.of("a valid token with a byte of its signature changed", flipLastSignatureChar(token)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forgeries")
  void a_forged_or_altered_bearer_token_answers_401(String what, String forged) {
    Response r = me(forged);
    assertThat(r.status()).as(what + ": " + r.body()).isEqualTo(401);
    assertThat(r.error()).isEqualTo("not_authenticated");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forgeries")
  void a_forged_or_altered_cookie_answers_401(String what, String forged) {
    Response r = api.send(api.builder("/api/me", null).header("Cookie", Sessions.COOKIE + "=" + forged).GET().build());
    assertThat(r.status()).as(what + ": " + r.body()).isEqualTo(401);
  }

  private static Response me(String bearer) {
    return api.get("/api/me", bearer);
  }

  private static JsonObject payload() {
    return claims.copy();
  }

  private static String unsigned(String alg, JsonObject payload) {
    return B64.encodeToString(new JsonObject().put("alg", alg).put("typ", "JWT").encode().getBytes(StandardCharsets.UTF_8))
        + "." + B64.encodeToString(payload.encode().getBytes(StandardCharsets.UTF_8)) + ".";
  }

  private static String withPayload(String real, JsonObject payload) {
    String[] parts = real.split("\\.");
    return parts[0] + "." + B64.encodeToString(payload.encode().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
  }

  private static String hmac(String secret, JsonObject payload) {
    try {
      String signingInput = B64.encodeToString(new JsonObject().put("alg", "HS256").put("typ", "JWT").put("kid", kid).encode()
          .getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(payload.encode().getBytes(StandardCharsets.UTF_8));
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String flipLastSignatureChar(String real) {
    int at = real.length() - 2;
    char c = real.charAt(at);
    return real.substring(0, at) + (c == 'A' ? 'B' : 'A') + real.substring(at + 1);
  }

  private static JWTAuth es256(String privatePem, String publicPem) {
    if (vertx == null) vertx = Vertx.vertx();
    return JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(privatePem))
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(publicPem))
        .setJWTOptions(new JWTOptions().setAlgorithm("ES256").setIssuer("iok")));
  }
}
