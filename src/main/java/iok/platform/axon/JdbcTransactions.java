package iok.platform.axon;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.ConnectionWrapperFactory;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Axon 4 ships no JDBC transaction manager outside Spring. This one binds a transaction to the thread
 * and hands the same pooled connection to whoever asks within it: the event store, the token store and
 * the projections. That is what puts a projection's rows and its tracking token in one commit, and a
 * command's events and its lookup rows in another.
 *
 * <p>The connection is taken on first use, not when the transaction starts. So a command waiting for
 * its aggregate's lock holds no connection, and a pool that cannot give one fails the command itself
 * (an answer the caller gets) instead of the code that starts its unit of work.
 *
 * <p>A transaction started while one is bound joins it; only the outermost one commits. Outside a
 * transaction a caller gets an ordinary auto-committing connection.
 */
public final class JdbcTransactions implements TransactionManager, ConnectionProvider {

  private static final Transaction JOINED = new Transaction() {
    @Override public void commit() {}
    @Override public void rollback() {}
  };

  /** The thread's transaction: its connection once someone asked for one. */
  private static final class Bound {
    Connection connection;
  }

  private final DataSource dataSource;
  private final ThreadLocal<Bound> bound = new ThreadLocal<>();

  public JdbcTransactions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Transaction startTransaction() {
    if (bound.get() != null) return JOINED;
    Bound transaction = new Bound();
    bound.set(transaction);
    return new Transaction() {
      @Override public void commit() {
        finish(transaction, true);
      }

      @Override public void rollback() {
        finish(transaction, false);
      }
    };
  }

  @Override
  public Connection getConnection() throws SQLException {
    Bound transaction = bound.get();
    if (transaction == null) return dataSource.getConnection();
    return ConnectionWrapperFactory.wrap(connectionOf(transaction), new ConnectionWrapperFactory.NoOpCloseHandler());
  }

  /** The connection of the transaction this thread is in; fails loudly when there is none. */
  public Connection current() {
    Bound transaction = bound.get();
    if (transaction == null) throw new IllegalStateException("no transaction is bound to this thread");
    try {
      return connectionOf(transaction);
    } catch (SQLException e) {
      throw new TransactionFailed("could not get a database connection", e);
    }
  }

  private Connection connectionOf(Bound transaction) throws SQLException {
    if (transaction.connection == null) {
      Connection connection = dataSource.getConnection();
      try {
        connection.setAutoCommit(false);
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
      transaction.connection = connection;
    }
    return transaction.connection;
  }

  private void finish(Bound transaction, boolean commit) {
    bound.remove();
    Connection connection = transaction.connection;
    if (connection == null) return;
    try (connection) {
      if (commit) connection.commit(); else connection.rollback();
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      throw new TransactionFailed(commit ? "commit failed" : "rollback failed", e);
    }
  }

  public static final class TransactionFailed extends RuntimeException {
    TransactionFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
