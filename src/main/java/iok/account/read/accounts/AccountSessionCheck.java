package iok.account.read.accounts;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import iok.platform.auth.Session;
import iok.platform.auth.SessionCheck;
import iok.platform.auth.SessionClaims;
import java.util.Optional;

/**
 * A session holds while its account is active, no later lock, block or password change ended it, and
 * it was not signed out. Regulations acceptance is asked of residents only: staff act under their
 * employment, not under the residents' regulations.
 */
public final class AccountSessionCheck implements SessionCheck {

  private static final String SQL = """
      SELECT a.login, a.role, a.locked OR a.blocked AS closed, a.session_epoch, a.kept_session_id, a.must_change_password,
             (a.role = 'resident' AND c.regulations_version IS NOT NULL
               AND a.accepted_regulations_version IS DISTINCT FROM c.regulations_version) AS must_accept,
             EXISTS (SELECT 1 FROM account_ended_session s WHERE s.session_id = $2) AS ended
      FROM account a JOIN cooperative c ON c.cooperative_id = a.cooperative_id
      WHERE a.account_id = $1 AND a.cooperative_id = $3""";

  private final Pool pool;

  public AccountSessionCheck(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<Session>> check(SessionClaims claims) {
    return pool.preparedQuery(SQL).execute(Tuple.of(claims.accountId(), claims.sessionId(), claims.cooperativeId()))
        .map(rows -> {
          if (!rows.iterator().hasNext()) return Optional.empty();
          Row row = rows.iterator().next();
          boolean current = claims.epoch() >= row.getLong("session_epoch")
              || claims.sessionId().equals(row.getString("kept_session_id"));
          if (row.getBoolean("closed") || !current || row.getBoolean("ended")) return Optional.empty();
          return Optional.of(new Session(claims.accountId(), claims.cooperativeId(), row.getString("login"),
              row.getString("role"), claims.sessionId(), claims.epoch(), row.getBoolean("must_change_password"),
              row.getBoolean("must_accept")));
        });
  }
}
