package iok.account.write.session;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Counts wrong attempts on logins that do not exist, so they count down "remaining attempts" just as a
 * real account does and the answer does not tell a real login from an invented one. The counts are in the
 * shared database: a real account's count is in its events, the same on every node and after a restart,
 * and an invented login's must be too. Counts untouched for 30 days are swept.
 */
final class UnknownLogins {

  static final int DEFAULT_THRESHOLD = 3;
  private static final String FAILED = """
      INSERT INTO account_unknown_login AS u (cooperative_id, login, failures, last_at) VALUES ($1, $2, 1, now())
      ON CONFLICT (cooperative_id, login) DO UPDATE SET failures = u.failures + 1, last_at = now()
      RETURNING failures""";
  private static final String SWEEP = "DELETE FROM account_unknown_login WHERE last_at < now() - interval '30 days'";

  private final Pool pool;

  UnknownLogins(Pool pool) {
    this.pool = pool;
  }

  /** Records one more wrong attempt; answers the attempts left before a real account would lock. */
  Future<Integer> failed(String cooperative, String login, int threshold) {
    if (ThreadLocalRandom.current().nextInt(500) == 0) pool.query(SWEEP).execute();
    return pool.preparedQuery(FAILED).execute(Tuple.of(cooperative, login))
        .map(rows -> Math.max(0, threshold - rows.iterator().next().getInteger(0)));
  }
}
