package iok.platform.db;

import iok.platform.axon.JdbcTransactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Statements on the connection of the transaction this thread is in (a projection's, or a command's).
 * {@link #batched} statements wait and go to the database together (the driver rewrites them into multi-row
 * inserts), before any other statement of the same unit of work and before it commits, so everything this
 * class runs still sees them.
 */
public final class Jdbc {

  private static final String PENDING = Jdbc.class.getName() + ".pending";

  private final JdbcTransactions transactions;

  public Jdbc(JdbcTransactions transactions) {
    this.transactions = transactions;
  }

  /**
   * An insert or update whose count nobody needs, sent with the others like it when the unit of work next
   * reads or writes through this class, or commits: a projection replaying a million rows sends them in
   * hundreds of round trips, not a million. Outside a unit of work it runs at once.
   */
  public void batched(String sql, Object... params) {
    if (!CurrentUnitOfWork.isStarted()) {
      update(sql, params);
      return;
    }
    UnitOfWork<?> root = CurrentUnitOfWork.get().root();
    Map<String, PreparedStatement> pending = root.getOrComputeResource(PENDING, key -> {
      Map<String, PreparedStatement> statements = new LinkedHashMap<>();
      root.onPrepareCommit(u -> flush(statements));
      root.onCleanup(u -> close(statements));
      return statements;
    });
    try {
      PreparedStatement s = pending.get(sql);
      if (s == null) {
        s = transactions.current().prepareStatement(sql);
        pending.put(sql, s);
      }
      bind(s, params);
      s.addBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("statement failed: " + e.getMessage(), e);
    }
  }

  public int update(String sql, Object... params) {
    flushPending();
    try (PreparedStatement s = prepare(sql, params)) {
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("statement failed: " + e.getMessage(), e);
    }
  }

  public interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** The first row read by {@code reader}, or null when there is none. */
  public <T> T queryOne(String sql, RowReader<T> reader, Object... params) {
    flushPending();
    try (PreparedStatement s = prepare(sql, params); ResultSet rs = s.executeQuery()) {
      return rs.next() ? reader.read(rs) : null;
    } catch (SQLException e) {
      throw new IllegalStateException("query failed: " + e.getMessage(), e);
    }
  }

  private PreparedStatement prepare(String sql, Object... params) throws SQLException {
    PreparedStatement s = transactions.current().prepareStatement(sql);
    bind(s, params);
    return s;
  }

  private static void bind(PreparedStatement s, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i] instanceof Instant instant ? Timestamp.from(instant) : params[i];
      s.setObject(i + 1, p);
    }
  }

  private static void flushPending() {
    if (!CurrentUnitOfWork.isStarted()) return;
    Map<String, PreparedStatement> pending = CurrentUnitOfWork.get().root().getResource(PENDING);
    if (pending != null) flush(pending);
  }

  private static void flush(Map<String, PreparedStatement> pending) {
    try {
      for (PreparedStatement s : pending.values()) s.executeBatch();
    } catch (SQLException e) {
      SQLException cause = e.getNextException() != null ? e.getNextException() : e;
      throw new IllegalStateException("statement failed: " + cause.getMessage(), cause);
    }
  }

  private static void close(Map<String, PreparedStatement> pending) {
    for (PreparedStatement s : pending.values()) {
      try {
        s.close();
      } catch (SQLException ignored) {
        // the connection goes back to the pool and takes the statement with it
      }
    }
    pending.clear();
  }
}
