package iok.platform.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import iok.platform.axon.JdbcTransactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.BiConsumer;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The write side of push, called by projections inside their transaction: the message is stored in
 * the feed and {@code pg_notify} is raised in the same commit, so a browser hears only of committed
 * state and a replayed event (same event id) is neither stored nor sent twice.
 */
public final class PushFeed {

  public static final String CHANNEL = "iok_push";

  // One statement: take the cooperative's feed lock (held to commit), insert, notify with the position.
  private static final String PUBLISH = """
      WITH feed_lock AS (SELECT pg_advisory_xact_lock(hashtext('iok_push:' || ?)))
      , added AS (
        INSERT INTO push_feed (cooperative, audience, type, data, event_id)
        SELECT ?, ?, ?, ?::jsonb, ? FROM feed_lock
        ON CONFLICT (event_id, audience, type) DO NOTHING
        RETURNING position, cooperative, audience, type, data)
      SELECT position, pg_notify('iok_push', json_build_object('p', position, 'c', cooperative, 'a', audience, 't', type, 'd', data)::text)
      FROM added""";

  private final JdbcTransactions transactions;
  private final ObjectMapper json = new ObjectMapper();
  private volatile BiConsumer<String, Long> committed = (cooperative, position) -> { };

  public PushFeed(JdbcTransactions transactions) {
    this.transactions = transactions;
  }

  /**
   * Told of each message this node stored, once its transaction has committed: the node knows of it
   * before its own notification comes back, so a stream opened by the request that caused it starts after it.
   */
  public void onCommitted(BiConsumer<String, Long> listener) {
    committed = listener;
  }

  public void publish(Audience audience, String type, Map<String, ?> data, String eventId) {
    try (PreparedStatement s = transactions.current().prepareStatement(PUBLISH)) {
      s.setString(1, audience.cooperativeId());
      s.setString(2, audience.cooperativeId());
      s.setString(3, audience.key());
      s.setString(4, type);
      s.setString(5, json.writeValueAsString(data));
      s.setString(6, eventId);
      try (ResultSet stored = s.executeQuery()) {
        if (stored.next() && CurrentUnitOfWork.isStarted()) {
          long position = stored.getLong(1);
          CurrentUnitOfWork.get().afterCommit(u -> committed.accept(audience.cooperativeId(), position));
        }
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("could not publish " + type + " to the push feed", e);
    }
  }
}
