package iok.announcements.read.board;

import iok.announcements.AnnouncementEvent;
import iok.announcements.AnnouncementEvent.AnnouncementEdited;
import iok.announcements.AnnouncementEvent.AnnouncementPublished;
import iok.announcements.AnnouncementEvent.AnnouncementWithdrawn;
import iok.announcements.AnnouncementEvent.Scope;
import iok.platform.db.Jdbc;
import iok.platform.db.ReadModel;
import iok.platform.push.Audience;
import iok.platform.push.PushFeed;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * The announcement board. A new announcement is pushed only to those it concerns: every resident for
 * the cooperative's, the holders of premises in the community or building for theirs.
 */
@ProcessingGroup(AnnouncementProjection.PROCESSOR)
public final class AnnouncementProjection {

  public static final String PROCESSOR = "announcements";
  public static final ReadModel READ_MODEL = new ReadModel(PROCESSOR, 1, "/iok/announcements/schema.sql",
      List.of("announcement_view"));
  public static final String VERSION_QUERY = "SELECT version FROM announcement_view WHERE announcement_id = $1";

  /** Holders of premises in a community or building today; the premises read model answers. */
  public static final String HOLDERS = """
      SELECT DISTINCT t.account_id FROM title_view t
      JOIN premises_view p ON p.cooperative_id = t.cooperative_id AND p.premises_id = t.premises_id
      WHERE t.cooperative_id = ? AND (CASE WHEN ? = 'community' THEN p.community ELSE p.building END) = ?
        AND t.valid_from <= current_date AND (t.valid_until IS NULL OR t.valid_until >= current_date)""";

  private final Jdbc jdbc;
  private final PushFeed push;

  public AnnouncementProjection(Jdbc jdbc, PushFeed push) {
    this.jdbc = jdbc;
    this.push = push;
  }

  @EventHandler
  void on(AnnouncementEvent event, @SequenceNumber long sequence, EventMessage<?> message, ReplayStatus replay) {
    switch (event) {
      case AnnouncementPublished e -> {
        jdbc.update("""
            INSERT INTO announcement_view (announcement_id, cooperative_id, scope, target, title, body, expires_on,
                                           published_at, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (announcement_id) DO NOTHING""",
            e.announcementId(), e.cooperativeId(), code(e.audience().scope()), e.audience().target(), e.title(), e.body(),
            e.expiresOn(), e.at(), sequence);
        if (!replay.isReplay()) tell(e, message.getIdentifier());
      }
      case AnnouncementEdited e -> jdbc.update("""
          UPDATE announcement_view SET title = ?, body = ?, expires_on = ?, edited_at = ?, version = ?
          WHERE announcement_id = ? AND version < ?""", e.title(), e.body(), e.expiresOn(), e.at(), sequence,
          e.announcementId(), sequence);
      case AnnouncementWithdrawn e -> jdbc.update(
          "UPDATE announcement_view SET withdrawn_at = ?, version = ? WHERE announcement_id = ? AND version < ?",
          e.at(), sequence, e.announcementId(), sequence);
    }
  }

  private void tell(AnnouncementPublished e, String eventId) {
    Map<String, Object> data = Map.of("announcementId", e.announcementId(), "title", e.title(),
        "scope", code(e.audience().scope()));
    if (e.audience().scope() == Scope.COOPERATIVE) {
      push.publish(Audience.role(e.cooperativeId(), "resident"), "announcement.published", data, eventId);
      return;
    }
    List<String> holders = new ArrayList<>();
    jdbc.queryOne(HOLDERS, rs -> {
      do holders.add(rs.getString(1)); while (rs.next());
      return null;
    }, e.cooperativeId(), code(e.audience().scope()), e.audience().target());
    for (String account : holders) {
      push.publish(Audience.account(e.cooperativeId(), account), "announcement.published", data, eventId);
    }
  }

  static String code(Scope scope) {
    return scope.name().toLowerCase(Locale.ROOT);
  }

  @ResetHandler
  void reset() {
    jdbc.update("DELETE FROM announcement_view");
  }
}
