package iok.platform.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.time.Clock;
import java.util.Optional;

/**
 * Checking an ES256 signature costs about half a millisecond of CPU, and a signed-in page sends the same
 * token many times; a token whose signature and claims were checked once is remembered until it expires.
 * Only tokens that passed are kept, so garbage cannot crowd the good ones out; whether the session still
 * holds is asked on every request all the same ({@link SessionCheck}).
 */
final class VerifiedTokens {

  private static final int REMEMBERED = 50_000;

  private final JWTAuth jwt;
  private final Clock clock;
  private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(REMEMBERED).build();

  private record Verified(JsonObject principal, long expiresAtSecond) {}

  VerifiedTokens(JWTAuth jwt, Clock clock) {
    this.jwt = jwt;
    this.clock = clock;
  }

  /** The token's claims when its signature, issuer and expiry hold; empty otherwise. */
  Future<Optional<JsonObject>> principal(String token) {
    Verified known = verified.getIfPresent(token);
    long now = clock.instant().getEpochSecond();
    if (known != null) {
      if (now < known.expiresAtSecond()) return Future.succeededFuture(Optional.of(known.principal()));
      verified.invalidate(token);
      return Future.succeededFuture(Optional.empty());
    }
    return jwt.authenticate(new TokenCredentials(token))
        .map(user -> {
          JsonObject principal = user.principal();
          if (expiry(user) instanceof Number exp) verified.put(token, new Verified(principal, exp.longValue()));
          return Optional.of(principal);
        })
        .otherwise(Optional.empty());
  }

  /** Vert.x keeps the verified claims, {@code exp} among them, in the user's attributes. */
  private static Object expiry(io.vertx.ext.auth.User user) {
    Object exp = user.attributes().getValue("exp");
    JsonObject claims = user.attributes().getJsonObject("accessToken");
    return exp != null ? exp : claims == null ? null : claims.getValue("exp");
  }
}
