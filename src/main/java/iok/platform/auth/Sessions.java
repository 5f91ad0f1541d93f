package iok.platform.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.RoutingContext;
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

  private final JWTAuth jwt;
  private final Duration lifetime;
  private final boolean secureCookies;
  private final SessionCheck check;

  public Sessions(Vertx vertx, SigningKeys.Pem keys, Duration lifetime, boolean secureCookies, SessionCheck check) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(keys.privateKey()))
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(keys.publicKey()))
        .setJWTOptions(new JWTOptions().setAlgorithm(ALGORITHM).setIssuer("iok")));
    this.lifetime = lifetime;
    this.secureCookies = secureCookies;
    this.check = check;
  }

  public String issue(SessionClaims claims) {
    return jwt.generateToken(
        new JsonObject()
            .put("sub", claims.accountId())
            .put("coop", claims.cooperativeId())
            .put("sid", claims.sessionId())
            .put("ep", claims.epoch()),
        new JWTOptions().setAlgorithm(ALGORITHM).setIssuer("iok").setExpiresInSeconds((int) lifetime.toSeconds()));
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
    return jwt.authenticate(new TokenCredentials(token))
        .map(user -> claimsOf(user.principal()))
        .otherwise(Optional.empty())
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
