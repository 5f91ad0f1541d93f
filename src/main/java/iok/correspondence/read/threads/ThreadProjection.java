package iok.correspondence.read.threads;

import iok.correspondence.CorrespondenceEvent;
import iok.correspondence.CorrespondenceEvent.AttachedFile;
import iok.correspondence.CorrespondenceEvent.LetterOpened;
import iok.correspondence.CorrespondenceEvent.LetterSent;
import iok.correspondence.CorrespondenceEvent.MessageWritten;
import iok.correspondence.CorrespondenceEvent.RepliesRead;
import iok.correspondence.CorrespondenceEvent.ReplyWritten;
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
 * Threads with their entries and attachments. The resident hears of the cooperative's letters and
 * replies ({@code correspondence.received}); the administrators of the resident's messages and replies
 * ({@code correspondence.message}) and of a letter's first opening ({@code correspondence.opened}).
 * Nobody else hears anything.
 */
@ProcessingGroup(ThreadProjection.PROCESSOR)
public final class ThreadProjection {

  public static final String PROCESSOR = "correspondence";
  public static final ReadModel READ_MODEL = new ReadModel(PROCESSOR, 1, "/iok/correspondence/schema.sql",
      List.of("letter_thread", "letter_entry", "letter_file"));
  public static final String VERSION_QUERY = "SELECT version FROM letter_thread WHERE thread_id = $1";

  private static final String START = """
      INSERT INTO letter_thread (thread_id, cooperative_id, resident_id, kind, subject, about_zone, about_ref, started_at,
                                 updated_at, last_by, resident_read_through, last_admin_entry, version)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (thread_id) DO NOTHING""";

  private final Jdbc jdbc;
  private final PushFeed push;

  public ThreadProjection(Jdbc jdbc, PushFeed push) {
    this.jdbc = jdbc;
    this.push = push;
  }

  @EventHandler
  void on(CorrespondenceEvent event, @SequenceNumber long sequence, EventMessage<?> message, ReplayStatus replay) {
    String eventId = message.getIdentifier();
    boolean live = !replay.isReplay();
    switch (event) {
      case LetterSent e -> {
        jdbc.update(START, e.threadId(), e.cooperativeId(), e.residentId(), "letter", e.subject(), null, null, e.at(), e.at(),
            "admin", -1L, sequence, sequence);
        entry(e.threadId(), sequence, "admin", e.body(), e.at());
        for (AttachedFile f : e.attachments()) {
          jdbc.update("INSERT INTO letter_file (thread_id, n, content_id, name, size, sha256) VALUES (?, ?, ?, ?, ?, ?) "
              + "ON CONFLICT DO NOTHING", e.threadId(), f.n(), f.contentId(), f.name(), f.size(), f.sha256());
        }
        if (live) {
          push.publish(Audience.account(e.cooperativeId(), e.residentId()), "correspondence.received",
              Map.of("threadId", e.threadId(), "subject", e.subject()), eventId);
        }
      }
      case MessageWritten e -> {
        boolean wrongData = e.about() != null;
        jdbc.update(START, e.threadId(), e.cooperativeId(), e.residentId(), "message", e.subject(),
            wrongData ? e.about().zone() : null, wrongData ? e.about().ref() : null, e.at(), e.at(), "resident", sequence,
            -1L, sequence);
        entry(e.threadId(), sequence, "resident", e.body(), e.at());
        if (live) {
          push.publish(Audience.role(e.cooperativeId(), "admin"), "correspondence.message",
              Map.of("threadId", e.threadId(), "subject", e.subject(), "wrongData", wrongData), eventId);
        }
      }
      case LetterOpened e -> {
        jdbc.update("""
            UPDATE letter_thread SET opened_at = ?, resident_read_through = ?, version = ?
            WHERE thread_id = ? AND version < ?""", e.at(), sequence, sequence, e.threadId(), sequence);
        if (live) {
          Party t = party(e.threadId());
          push.publish(Audience.role(t.cooperativeId(), "admin"), "correspondence.opened",
              Map.of("threadId", e.threadId(), "openedAt", e.at().toString()), eventId);
        }
      }
      case RepliesRead e -> jdbc.update(
          "UPDATE letter_thread SET resident_read_through = ?, version = ? WHERE thread_id = ? AND version < ?",
          sequence, sequence, e.threadId(), sequence);
      case ReplyWritten e -> {
        boolean byAdmin = "admin".equals(e.authorRole());
        jdbc.update(byAdmin
            ? "UPDATE letter_thread SET updated_at = ?, last_by = 'admin', last_admin_entry = ?, version = ? "
              + "WHERE thread_id = ? AND version < ?"
            : "UPDATE letter_thread SET updated_at = ?, last_by = 'resident', resident_read_through = ?, version = ? "
              + "WHERE thread_id = ? AND version < ?", e.at(), sequence, sequence, e.threadId(), sequence);
        entry(e.threadId(), sequence, e.authorRole(), e.body(), e.at());
        if (live) {
          Party t = party(e.threadId());
          Map<String, Object> data = Map.of("threadId", e.threadId(), "subject", t.subject());
          if (byAdmin) push.publish(Audience.account(t.cooperativeId(), t.residentId()), "correspondence.received", data, eventId);
          else push.publish(Audience.role(t.cooperativeId(), "admin"), "correspondence.message", data, eventId);
        }
      }
    }
  }

  /**
   * An erased resident's correspondence already reads as erased from the events once the key is gone; this
   * scrubs what was projected before. That letters went, when and when they were opened, and each file's
   * size and SHA-256 stay: proof of delivery the cooperative may need, against its own copy of the letter.
   */
  @EventHandler
  void on(AccountEvent.AccountErased e) {
    jdbc.update("UPDATE letter_thread SET subject = ? WHERE resident_id = ?", PersonalData.ERASED, e.accountId());
    jdbc.update("UPDATE letter_entry SET body = ? WHERE thread_id IN (SELECT thread_id FROM letter_thread "
        + "WHERE resident_id = ?)", PersonalData.ERASED, e.accountId());
    jdbc.update("UPDATE letter_file SET name = ? WHERE thread_id IN (SELECT thread_id FROM letter_thread "
        + "WHERE resident_id = ?)", PersonalData.ERASED, e.accountId());
  }

  private void entry(String threadId, long sequence, String role, String body, Instant at) {
    jdbc.update("INSERT INTO letter_entry (thread_id, sequence, author_role, body, at) VALUES (?, ?, ?, ?, ?) "
        + "ON CONFLICT DO NOTHING", threadId, sequence, role, body, at);
  }

  private record Party(String cooperativeId, String residentId, String subject) {}

  private Party party(String threadId) {
    return jdbc.queryOne("SELECT cooperative_id, resident_id, subject FROM letter_thread WHERE thread_id = ?",
        rs -> new Party(rs.getString(1), rs.getString(2), rs.getString(3)), threadId);
  }

  @ResetHandler
  void reset() {
    jdbc.update("DELETE FROM letter_file");
    jdbc.update("DELETE FROM letter_entry");
    jdbc.update("DELETE FROM letter_thread");
  }
}
