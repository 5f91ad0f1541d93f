package iok.announcements.read.board;

import iok.announcements.AnnouncementEvent;
import iok.announcements.AnnouncementEvent.AnnouncementEdited;
import iok.announcements.AnnouncementEvent.AnnouncementPublished;
import iok.announcements.AnnouncementEvent.AnnouncementWithdrawn;
import iok.announcements.AnnouncementEvent.RepairDays;
import iok.announcements.AnnouncementEvent.Scope;
import iok.platform.db.Jdbc;
import iok.platform.db.ReadModel;
import iok.platform.push.Audience;
import iok.platform.push.PushFeed;
import java.time.LocalDate;
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
 * The announcement board and the planned repairs. A new announcement ({@code announcement.published})
 * or repair ({@code repair.planned}, and {@code repair.changed} when its days change or it is cancelled)
 * is pushed only to those it concerns: every resident for the cooperative's, the holders of premises in
 * the community or building for theirs.
 */
@ProcessingGroup(AnnouncementProjection.PROCESSOR)
public final class AnnouncementProjection {

  public static final String PROCESSOR = "announcements";
  public static final ReadModel READ_MODEL = new ReadModel(PROCESSOR, 2, "/iok/announcements/schema.sql",
      List.of("announcement_view"));
  public static final String VERSION_QUERY = "SELECT version FROM announcement_view WHERE announcement_id = $1";

  /** Holders of premises in a community or building today; the premises read model answers. */
  public static final String HOLDERS = """
      SELECT DISTINCT t.account_id FROM title_view t
      JOIN premises_view p ON p.cooperative_id = t.cooperative_id AND p.premises_id = t.premises_id
      WHERE t.cooperative_id = ? AND (CASE WHEN ? = 'community' THEN p.community ELSE p.building END) = ?
        AND t.valid_from <= (now() AT TIME ZONE 'Europe/Warsaw')::date
        AND (t.valid_until IS NULL OR t.valid_until >= (now() AT TIME ZONE 'Europe/Warsaw')::date)""";

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
                                           starts_on, published_at, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (announcement_id) DO NOTHING""",
            e.announcementId(), e.cooperativeId(), code(e.audience().scope()), e.audience().target(), e.title(), e.body(),
            e.expiresOn(), e.repair() == null ? null : e.repair().startsOn(), e.at(), sequence);
        if (!replay.isReplay()) {
          if (e.repair() == null) {
            tell(e.cooperativeId(), e.audience(), "announcement.published", Map.of("announcementId", e.announcementId(),
                "title", e.title(), "scope", code(e.audience().scope())), message.getIdentifier());
          } else {
            tell(e.cooperativeId(), e.audience(), "repair.planned", repair(e.announcementId(), e.title(), e.repair(), false),
                message.getIdentifier());
          }
        }
      }
      case AnnouncementEdited e -> {
        jdbc.update("""
            UPDATE announcement_view SET title = ?, body = ?, expires_on = ?, starts_on = ?, edited_at = ?, version = ?
            WHERE announcement_id = ? AND version < ?""", e.title(), e.body(), e.expiresOn(),
            e.repair() == null ? null : e.repair().startsOn(), e.at(), sequence, e.announcementId(), sequence);
        if (!replay.isReplay() && e.repair() != null) repairChanged(e.announcementId(), false, message.getIdentifier());
      }
      case AnnouncementWithdrawn e -> {
        jdbc.update(
            "UPDATE announcement_view SET withdrawn_at = ?, version = ? WHERE announcement_id = ? AND version < ?",
            e.at(), sequence, e.announcementId(), sequence);
        if (!replay.isReplay()) repairChanged(e.announcementId(), true, message.getIdentifier());
      }
    }
  }

  private static Map<String, Object> repair(String id, String title, RepairDays days, boolean cancelled) {
    return Map.of("repairId", id, "title", title, "startsOn", days.startsOn().toString(),
        "endsOn", days.endsOn().toString(), "cancelled", cancelled);
  }

  /** Residents who were told of a planned repair hear of its new days or its cancelling; plain announcements stay quiet. */
  private void repairChanged(String id, boolean cancelled, String eventId) {
    jdbc.queryOne("""
        SELECT cooperative_id, scope, target, title, starts_on, expires_on FROM announcement_view
        WHERE announcement_id = ? AND starts_on IS NOT NULL""", rs -> {
          Scope scope = Scope.valueOf(rs.getString(2).toUpperCase(Locale.ROOT));
          RepairDays days = new RepairDays(rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class));
          tell(rs.getString(1), new AnnouncementEvent.Audience(scope, rs.getString(3)), "repair.changed",
              repair(id, rs.getString(4), days, cancelled), eventId);
          return null;
        }, id);
  }

  private void tell(String cooperativeId, AnnouncementEvent.Audience audience, String type, Map<String, Object> data,
                    String eventId) {
    if (audience.scope() == Scope.COOPERATIVE) {
      push.publish(Audience.role(cooperativeId, "resident"), type, data, eventId);
      return;
    }
    List<String> holders = new ArrayList<>();
    jdbc.queryOne(HOLDERS, rs -> {
      do holders.add(rs.getString(1)); while (rs.next());
      return null;
    }, cooperativeId, code(audience.scope()), audience.target());
    for (String account : holders) {
      push.publish(Audience.account(cooperativeId, account), type, data, eventId);
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
