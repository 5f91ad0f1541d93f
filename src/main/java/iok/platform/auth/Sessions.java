package iok.platform.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Session tokens: ES256 JWTs carried in an HttpOnly, SameSite=Strict cookie or as a Bearer token.
 * A token proves who signed in and when; whether the session still holds is asked of {@link SessionCheck}
 * on every request, which is how locking, blocking and password changes end other sessions at once.
 */
public final class Sessions {

  public static final String COOKIE = "iok_session";
  private static final String ALGORITHM = "ES256";

  private final JWTAuth signer;
  private final JWTAuth verifier;
  private final String keyId;
  private final Duration lifetime;
  private final boolean secureCookies;
  private final SessionCheck check;
  private final VerifiedTokens tokens;

  public Sessions(Vertx vertx, SigningKeys.Ring keys, Duration lifetime, boolean secureCookies, SessionCheck check) {
    // only the current key signs; Vert.x picks among several signing keys at random
    this.signer = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setId(keys.signingId()).setBuffer(keys.signing().privateKey()))
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setId(keys.signingId()).setBuffer(keys.signing().publicKey()))
        .setJWTOptions(new JWTOptions().setAlgorithm(ALGORITHM).setIssuer("iok")));
    JWTAuthOptions verifying = new JWTAuthOptions().setJWTOptions(new JWTOptions().setAlgorithm(ALGORITHM).setIssuer("iok"));
    for (SigningKeys.Verifier v : keys.verifiers()) {
      verifying.addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setId(v.id()).setBuffer(v.publicKey()));
    }
    this.verifier = JWTAuth.create(vertx, verifying);
    this.keyId = keys.signingId();
    this.lifetime = lifetime;
    this.secureCookies = secureCookies;
    this.check = check;
    this.tokens = new VerifiedTokens(verifier, Clock.systemUTC());
  }

  public String issue(SessionClaims claims) {
    return signer.generateToken(
        new JsonObject()
            .put("sub", claims.accountId())
            .put("coop", claims.cooperativeId())
            .put("sid", claims.sessionId())
            .put("ep", claims.epoch()),
        new JWTOptions().setAlgorithm(ALGORITHM).setIssuer("iok").setExpiresInSeconds((int) lifetime.toSeconds())
            .setHeader(new JsonObject().put("kid", keyId)));
  }

  public void setCookie(RoutingContext ctx, String token) {
    ctx.response().addCookie(Cookie.cookie(COOKIE, token)
        .setHttpOnly(true).setSecure(secureCookies).setSameSite(CookieSameSite.STRICT).setPath("/"));
  }

  public void clearCookie(RoutingContext ctx) {
    ctx.response().addCookie(Cookie.cookie(COOKIE, "")
        .setHttpOnly(true).setSecure(secureCookies).setSameSite(CookieSameSite.STRICT).setPath("/").setMaxAge(0));
  }

  /** The session of the request, or empty when it carries no valid one. */
  public Future<Optional<Session>> authenticate(RoutingContext ctx) {
    String token = tokenOf(ctx);
    if (token == null) return Future.succeededFuture(Optional.empty());
    return tokens.principal(token)
        .map(principal -> principal.flatMap(Sessions::claimsOf))
        .compose(claims -> claims.isEmpty() ? Future.succeededFuture(Optional.<Session>empty()) : check.check(claims.get()));
  }

  private static Optional<SessionClaims> claimsOf(JsonObject principal) {
    Object sub = principal.getValue("sub");
    Object coop = principal.getValue("coop");
    Object sid = principal.getValue("sid");
    Object ep = principal.getValue("ep");
    if (!(sub instanceof String) || !(coop instanceof String) || !(sid instanceof String) || !(ep instanceof Number)) {
      return Optional.empty();
    }
    return Optional.of(new SessionClaims((String) sub, (String) coop, (String) sid, ((Number) ep).longValue()));
  }

  private static String tokenOf(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = header.substring(7).trim();
      return token.isEmpty() ? null : token;
    }
    Cookie cookie = ctx.request().getCookie(COOKIE);
    return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
  }
}
