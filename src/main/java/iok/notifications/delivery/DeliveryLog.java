package iok.notifications.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * What has gone out, one row per event, person and channel — never the address. It is written on a
 * connection of its own, committed the moment a provider took a message: if the rest of the event's
 * handling fails and is retried, what already went out is not sent again.
 */
public final class DeliveryLog {

  private static final String DONE = "SELECT 1 FROM notification_delivery WHERE event_id = ? AND account_id = ? AND channel = ?";
  private static final String RECORD = """
      INSERT INTO notification_delivery (event_id, account_id, channel, kind, outcome, at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT DO NOTHING""";

  public enum Outcome { SENT, REFUSED, NO_PROVIDER }

  private final DataSource dataSource;

  public DeliveryLog(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public boolean done(String eventId, String accountId, String channel) {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(DONE)) {
      s.setString(1, eventId);
      s.setString(2, accountId);
      s.setString(3, channel);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("delivery log unreadable: " + e.getMessage(), e);
    }
  }

  public void record(String eventId, String accountId, String channel, String kind, Outcome outcome, Instant at) {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(RECORD)) {
      c.setAutoCommit(true);
      s.setString(1, eventId);
      s.setString(2, accountId);
      s.setString(3, channel);
      s.setString(4, kind);
      s.setString(5, outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
      s.setTimestamp(6, Timestamp.from(at));
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("delivery log not written: " + e.getMessage(), e);
    }
  }
}
