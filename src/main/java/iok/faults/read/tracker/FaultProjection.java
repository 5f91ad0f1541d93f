package iok.faults.read.tracker;

import iok.faults.FaultEvent;
import iok.faults.FaultEvent.FaultCommented;
import iok.faults.FaultEvent.FaultPhotoAttached;
import iok.faults.FaultEvent.FaultReopened;
import iok.faults.FaultEvent.FaultReported;
import iok.faults.FaultEvent.FaultStatusChanged;
import iok.faults.FaultStatus;
import iok.platform.db.Jdbc;
import iok.platform.db.ReadModel;
import iok.platform.push.Audience;
import iok.platform.push.PushFeed;
import iok.account.AccountEvent;
import iok.privacy.PersonalData;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * Faults and their timelines. The reporter hears of status changes and staff comments
 * ({@code fault.status-changed}, {@code fault.commented}); the administrators of new faults, the
 * reporter's comments and reopenings. Nobody else hears anything.
 */
@ProcessingGroup(FaultProjection.PROCESSOR)
public final class FaultProjection {

  public static final String PROCESSOR = "faults";
  public static final ReadModel READ_MODEL = new ReadModel(PROCESSOR, 2, "/iok/faults/schema.sql",
      List.of("fault_entry", "fault_view", "fault_photo"));
  public static final String VERSION_QUERY = "SELECT version FROM fault_view WHERE fault_id = $1";

  private final Jdbc jdbc;
  private final PushFeed push;

  public FaultProjection(Jdbc jdbc, PushFeed push) {
    this.jdbc = jdbc;
    this.push = push;
  }

  @EventHandler
  void on(FaultEvent event, @SequenceNumber long sequence, EventMessage<?> message, ReplayStatus replay) {
    String eventId = message.getIdentifier();
    switch (event) {
      case FaultReported e -> {
        jdbc.update("""
            INSERT INTO fault_view (fault_id, cooperative_id, reporter_id, premises_id, place, title, description, status,
                                    reported_at, updated_at, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'reported', ?, ?, ?) ON CONFLICT (fault_id) DO NOTHING""",
            e.faultId(), e.cooperativeId(), e.reporterId(), e.premisesId(), e.place(), e.title(), e.description(), e.at(),
            e.at(), sequence);
        entry(e.faultId(), sequence, "reported", "resident", "reported", e.description(), e.at());
        if (!replay.isReplay()) {
          push.publish(Audience.role(e.cooperativeId(), "admin"), "fault.reported",
              Map.of("faultId", e.faultId(), "title", e.title()), eventId);
        }
      }
      case FaultStatusChanged e -> {
        status(e.faultId(), e.to(), e.at(), sequence);
        entry(e.faultId(), sequence, "status", "admin", e.to().code(), e.comment(), e.at());
        if (!replay.isReplay()) tellReporter(e.faultId(), "fault.status-changed", Map.of("faultId", e.faultId(),
            "status", e.to().code()), eventId);
      }
      case FaultReopened e -> {
        status(e.faultId(), FaultStatus.REPORTED, e.at(), sequence);
        entry(e.faultId(), sequence, "reopened", "resident", "reported", e.comment(), e.at());
        if (!replay.isReplay()) tellStaff(e.faultId(), "fault.reopened", eventId);
      }
      case FaultCommented e -> {
        jdbc.update("UPDATE fault_view SET updated_at = ?, version = ? WHERE fault_id = ? AND version < ?",
            e.at(), sequence, e.faultId(), sequence);
        entry(e.faultId(), sequence, "comment", e.authorRole(), null, e.text(), e.at());
        if (!replay.isReplay()) {
          if ("resident".equals(e.authorRole())) tellStaff(e.faultId(), "fault.commented", eventId);
          else tellReporter(e.faultId(), "fault.commented", Map.of("faultId", e.faultId()), eventId);
        }
      }
      case FaultPhotoAttached e -> {
        jdbc.update("""
            INSERT INTO fault_photo (fault_id, number, content_id, media_type, size, sha256, at) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""", e.faultId(), e.number(), e.contentId(), e.mediaType(), e.size(), e.sha256(), e.at());
        jdbc.update("UPDATE fault_view SET version = ? WHERE fault_id = ? AND version < ?", sequence, e.faultId(), sequence);
      }
    }
  }

  /**
   * An erased reporter's texts already read as erased from the events once the key is gone; this scrubs what
   * was projected before. The fault itself, its dates and statuses stay: the cooperative's record of a repair.
   */
  @EventHandler
  void on(AccountEvent.AccountErased e) {
    jdbc.update("UPDATE fault_view SET title = ?, description = ?, place = CASE WHEN place IS NULL THEN NULL ELSE ? END "
        + "WHERE reporter_id = ?", PersonalData.ERASED, PersonalData.ERASED, PersonalData.ERASED, e.accountId());
    jdbc.update("UPDATE fault_entry SET text = ? WHERE text IS NOT NULL AND fault_id IN "
        + "(SELECT fault_id FROM fault_view WHERE reporter_id = ?)", PersonalData.ERASED, e.accountId());
  }

  private void status(String faultId, FaultStatus to, Instant at, long sequence) {
    jdbc.update("UPDATE fault_view SET status = ?, updated_at = ?, version = ? WHERE fault_id = ? AND version < ?",
        to.code(), at, sequence, faultId, sequence);
  }

  private void entry(String faultId, long sequence, String kind, String role, String status, String text, Instant at) {
    jdbc.update("INSERT INTO fault_entry (fault_id, sequence, kind, author_role, status, text, at) VALUES (?, ?, ?, ?, ?, ?, ?) "
        + "ON CONFLICT DO NOTHING", faultId, sequence, kind, role, status, text, at);
  }

  private void tellReporter(String faultId, String type, Map<String, Object> data, String eventId) {
    String[] who = who(faultId);
    push.publish(Audience.account(who[0], who[1]), type, data, eventId);
  }

  private void tellStaff(String faultId, String type, String eventId) {
    String[] who = who(faultId);
    push.publish(Audience.role(who[0], "admin"), type, Map.of("faultId", faultId), eventId);
  }

  private String[] who(String faultId) {
    return jdbc.queryOne("SELECT cooperative_id, reporter_id FROM fault_view WHERE fault_id = ?",
        rs -> new String[] {rs.getString(1), rs.getString(2)}, faultId);
  }

  @ResetHandler
  void reset() {
    jdbc.update("DELETE FROM fault_photo");
    jdbc.update("DELETE FROM fault_entry");
    jdbc.update("DELETE FROM fault_view");
  }
}
