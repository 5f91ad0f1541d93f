package iok.platform.auth;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.platform.config.Config.AuthLimits;
import iok.platform.http.ApiError;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Caps how often one client address and one login may try a password (signing in, changing it), across
 * every node: the counts are rows of {@code iok_rate_limit} in the shared database, each a fixed window
 * counted up by one atomic upsert. Over either cap the answer is 429 {@code too_many_attempts} with
 * {@code Retry-After}, before any password is hashed. A fixed window lets through at most twice the cap
 * across a window's edge; the cooperative's lockout after wrong passwords stays the real limit per login.
 */
public final class AttemptLimits {

  private static final String COUNT = """
      INSERT INTO iok_rate_limit AS r (key, window_start, hits)
      SELECT k, now(), 1 FROM unnest($1::text[]) AS k
      ON CONFLICT (key) DO UPDATE SET
        window_start = CASE WHEN r.window_start <= now() - make_interval(secs => $2) THEN now() ELSE r.window_start END,
        hits = CASE WHEN r.window_start <= now() - make_interval(secs => $2) THEN 1 ELSE r.hits + 1 END
      RETURNING key, hits,
        greatest(1, ceil(extract(epoch FROM r.window_start + make_interval(secs => $2) - now())))::int""";
  private static final String FORGET = "DELETE FROM iok_rate_limit WHERE window_start < now() - make_interval(secs => $1)";

  private final Pool pool;
  private final AuthLimits limits;

  public AttemptLimits(Pool pool, AuthLimits limits) {
    this.pool = pool;
    this.limits = limits;
  }

  /**
   * Counts one attempt of {@code action} from {@code address} on {@code login}; fails with 429 (and sets
   * {@code Retry-After} on the answer) when either count is over its cap.
   */
  public Future<Void> attempt(RoutingContext ctx, String action, String address, String login) {
    String byAddress = action + "|address|" + address;
    String byLogin = action + "|login|" + login;
    double window = limits.window().toSeconds();
    if (ThreadLocalRandom.current().nextInt(200) == 0) {
      // windows long past are only clutter; any node sweeps now and then
      pool.preparedQuery(FORGET).execute(Tuple.of(window));
    }
    return pool.preparedQuery(COUNT).execute(Tuple.of(new String[] {byAddress, byLogin}, window)).compose(rows -> {
      int retryAfter = 0;
      for (Row row : rows) {
        int cap = row.getString(0).equals(byAddress) ? limits.perAddress() : limits.perLogin();
        if (row.getInteger(1) > cap) retryAfter = Math.max(retryAfter, row.getInteger(2));
      }
      if (retryAfter == 0) return Future.<Void>succeededFuture();
      ctx.response().putHeader("Retry-After", Integer.toString(retryAfter));
      return Future.failedFuture(new ApiError(429, "too_many_attempts",
          "Too many attempts from here or on this login; try again later", Map.of("retryAfterSeconds", retryAfter)));
    });
  }
}
