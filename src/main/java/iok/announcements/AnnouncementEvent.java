package iok.announcements;

import java.time.Instant;
import java.time.LocalDate;

/** Announcements of the cooperative, of one housing community, or of one building (R11, P III.6d, O III.2). */
public sealed interface AnnouncementEvent {

  String announcementId();

  enum Scope { COOPERATIVE, COMMUNITY, BUILDING }

  /** Whom it concerns: everyone in the cooperative, or the holders of premises in one community or building. */
  record Audience(Scope scope, String target) {}

  /**
   * The days of a planned repair (R12: "planned repairs are announced the same way"). An announcement
   * that carries them is a planned repair: shown with faults and repairs, and gone after its last day.
   */
  record RepairDays(LocalDate startsOn, LocalDate endsOn) {}

  /** {@code repair} is null for a plain announcement. */
  record AnnouncementPublished(String announcementId, String cooperativeId, Audience audience, String title, String body,
                               LocalDate expiresOn, RepairDays repair, Instant at) implements AnnouncementEvent {}

  record AnnouncementEdited(String announcementId, String title, String body, LocalDate expiresOn, RepairDays repair,
                            Instant at) implements AnnouncementEvent {}

  record AnnouncementWithdrawn(String announcementId, Instant at) implements AnnouncementEvent {}
}
