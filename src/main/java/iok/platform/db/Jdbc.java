package iok.platform.db;

import iok.platform.axon.JdbcTransactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Statements on the connection of the transaction this thread is in (a projection's, or a command's). */
public final class Jdbc {

  private final JdbcTransactions transactions;

  public Jdbc(JdbcTransactions transactions) {
    this.transactions = transactions;
  }

  public int update(String sql, Object... params) {
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
    try (PreparedStatement s = prepare(sql, params); ResultSet rs = s.executeQuery()) {
      return rs.next() ? reader.read(rs) : null;
    } catch (SQLException e) {
      throw new IllegalStateException("query failed: " + e.getMessage(), e);
    }
  }

  private PreparedStatement prepare(String sql, Object... params) throws SQLException {
    PreparedStatement s = transactions.current().prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      Object p = params[i] instanceof Instant instant ? Timestamp.from(instant) : params[i];
      s.setObject(i + 1, p);
    }
    return s;
  }
}
