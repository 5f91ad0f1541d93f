package iok.cooperative.read.regulations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import iok.cooperative.CooperativeEvent;
import iok.cooperative.CooperativeEvent.CooperativeEstablished;
import iok.cooperative.CooperativeEvent.RegulationsPublished;
import iok.cooperative.Zone;
import iok.platform.db.Jdbc;
import iok.platform.db.ReadModel;
import iok.platform.push.Audience;
import iok.platform.push.PushFeed;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * Cooperatives' rules and current regulations, and the push that tells every signed-in resident a new
 * version is out. Rows carry the aggregate sequence they reflect; a replayed event changes nothing.
 */
@ProcessingGroup(CooperativeProjection.PROCESSOR)
public final class CooperativeProjection {

  public static final String PROCESSOR = "cooperatives";
  /** Raise when the tables or what the handlers write change: the read model is then rebuilt from the events. */
  public static final ReadModel READ_MODEL = new ReadModel(PROCESSOR, 4, "/iok/cooperative/schema.sql",
      java.util.List.of("cooperative"));
  public static final String VERSION_QUERY = "SELECT version FROM cooperative WHERE cooperative_id = $1";

  private static final String ESTABLISH = """
      INSERT INTO cooperative (cooperative_id, name, password_policy, lockout_threshold, zones, office, version)
      VALUES (?, ?, ?::jsonb, ?, ?::jsonb, ?, ?) ON CONFLICT (cooperative_id) DO NOTHING""";
  private static final String PUBLISH = """
      UPDATE cooperative SET regulations_version = ?, regulations_text = ?, regulations_published_at = ?, version = ?
      WHERE cooperative_id = ? AND version < ?""";

  private final Jdbc jdbc;
  private final PushFeed push;
  private final ObjectMapper json = new ObjectMapper();

  public CooperativeProjection(Jdbc jdbc, PushFeed push) {
    this.jdbc = jdbc;
    this.push = push;
  }

  @EventHandler
  void on(CooperativeEstablished e, @SequenceNumber long sequence) throws JsonProcessingException {
    jdbc.update(ESTABLISH, e.cooperativeId(), e.name(), json.writeValueAsString(e.passwordPolicy()),
        e.lockoutThreshold(), json.writeValueAsString(e.zones().stream().map(Zone::code).toList()), e.office(), sequence);
  }

  @EventHandler
  void on(RegulationsPublished e, @SequenceNumber long sequence, EventMessage<?> message) {
    jdbc.update(PUBLISH, e.version(), e.text(), e.publishedAt(), sequence, e.cooperativeId(), sequence);
    push.publish(Audience.role(e.cooperativeId(), "resident"), "regulations.published",
        Map.of("version", e.version(), "publishedAt", e.publishedAt().toString()), message.getIdentifier());
  }

  @EventHandler
  void on(CooperativeEvent.BooksLoaded e, @SequenceNumber long sequence) {
    jdbc.update("UPDATE cooperative SET books_loaded_at = ?, version = ? WHERE cooperative_id = ? AND version < ?",
        e.at(), sequence, e.cooperativeId(), sequence);
  }

  @EventHandler
  void on(CooperativeEvent.ReminderTimesSet e, @SequenceNumber long sequence) {
    jdbc.update("""
        UPDATE cooperative SET reading_notice_days = ?, payment_grace_days = ?, version = ?
        WHERE cooperative_id = ? AND version < ?""", e.times().readingNoticeDays(), e.times().paymentGraceDays(),
        sequence, e.cooperativeId(), sequence);
  }

  /** Everyone signed in to the cooperative hears of it, so open screens show and hide zones at once. */
  @EventHandler
  void on(CooperativeEvent.ZonesSet e, @SequenceNumber long sequence, EventMessage<?> message) throws JsonProcessingException {
    java.util.List<String> codes = e.zones().stream().map(Zone::code).toList();
    jdbc.update("UPDATE cooperative SET zones = ?::jsonb, version = ? WHERE cooperative_id = ? AND version < ?",
        json.writeValueAsString(codes), sequence, e.cooperativeId(), sequence);
    push.publish(Audience.everyone(e.cooperativeId()), "cooperative.zones-changed", Map.of("zones", codes),
        message.getIdentifier());
  }

  @ResetHandler
  void reset() {
    jdbc.update("DELETE FROM cooperative");
  }
}
