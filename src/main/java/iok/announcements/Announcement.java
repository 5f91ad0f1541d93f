package iok.announcements;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import iok.announcements.AnnouncementEvent.AnnouncementEdited;
import iok.announcements.AnnouncementEvent.AnnouncementPublished;
import iok.announcements.AnnouncementEvent.AnnouncementWithdrawn;
import iok.announcements.AnnouncementEvent.Audience;
import iok.announcements.AnnouncementEvent.RepairDays;
import iok.platform.domain.Refusal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An announcement: published by an administrator, edited while it stands, withdrawn for good. A planned
 * repair is an announcement with repair days: the same audience, the same lifecycle, its own dates.
 */
public class Announcement {

  public record Publish(@TargetAggregateIdentifier String announcementId, String cooperativeId, Audience audience,
                        String title, String body, LocalDate expiresOn) {}

  public record Edit(@TargetAggregateIdentifier String announcementId, String cooperativeId, String title, String body,
                     LocalDate expiresOn) {}

  public record Withdraw(@TargetAggregateIdentifier String announcementId, String cooperativeId) {}

  public record PlanRepair(@TargetAggregateIdentifier String announcementId, String cooperativeId, Audience audience,
                           String title, String description, RepairDays days) {}

  public record ChangeRepair(@TargetAggregateIdentifier String announcementId, String cooperativeId, String title,
                             String description, RepairDays days) {}

  public record CancelRepair(@TargetAggregateIdentifier String announcementId, String cooperativeId) {}

  @AggregateIdentifier
  private String announcementId;
  private String cooperativeId;
  private RepairDays repair;
  private boolean withdrawn;
  private long sequence = -1;

  protected Announcement() {}

  @CommandHandler
  public Announcement(Publish command, Clock clock) {
    if (command.expiresOn() != null && command.expiresOn().isBefore(LocalDate.now(clock))) {
      throw new Refusal(Refusal.Kind.RULE_VIOLATED, "expires_in_the_past", "An announcement cannot expire before it is published");
    }
    apply(new AnnouncementPublished(command.announcementId(), command.cooperativeId(), command.audience(), command.title(),
        command.body(), command.expiresOn(), null, clock.instant()));
  }

  @CommandHandler
  public Announcement(PlanRepair command, Clock clock) {
    RepairSchedule.check(command.days(), clock);
    apply(new AnnouncementPublished(command.announcementId(), command.cooperativeId(), command.audience(), command.title(),
        command.description(), command.days().endsOn(), command.days(), clock.instant()));
  }

  /** On a planned repair, the plain edit keeps its days: they change only through {@link ChangeRepair}. */
  @CommandHandler
  public long handle(Edit command, Clock clock) {
    standing(command.cooperativeId());
    LocalDate expiresOn = repair == null ? command.expiresOn() : repair.endsOn();
    apply(new AnnouncementEdited(announcementId, command.title(), command.body(), expiresOn, repair, clock.instant()));
    return sequence;
  }

  @CommandHandler
  public long handle(ChangeRepair command, Clock clock) {
    aRepair(command.cooperativeId());
    standing(command.cooperativeId());
    RepairSchedule.check(command.days(), clock);
    apply(new AnnouncementEdited(announcementId, command.title(), command.description(), command.days().endsOn(),
        command.days(), clock.instant()));
    return sequence;
  }

  @CommandHandler
  public long handle(Withdraw command, Clock clock) {
    if (!cooperativeId.equals(command.cooperativeId())) throw Refusal.notFound("Announcement");
    if (!withdrawn) apply(new AnnouncementWithdrawn(announcementId, clock.instant()));
    return sequence;
  }

  @CommandHandler
  public long handle(CancelRepair command, Clock clock) {
    aRepair(command.cooperativeId());
    if (!withdrawn) apply(new AnnouncementWithdrawn(announcementId, clock.instant()));
    return sequence;
  }

  /** A plain announcement, or another cooperative's, is no planned repair: not found. */
  private void aRepair(String cooperativeId) {
    if (repair == null || !this.cooperativeId.equals(cooperativeId)) throw Refusal.notFound("Planned repair");
  }

  private void standing(String cooperativeId) {
    if (!this.cooperativeId.equals(cooperativeId)) throw Refusal.notFound("Announcement");
    if (withdrawn) {
      throw new Refusal(Refusal.Kind.CONFLICT, "announcement_withdrawn", repair == null
          ? "A withdrawn announcement is not edited" : "A cancelled repair is not changed");
    }
  }

  /** A repair's days: it cannot end before it starts, nor be announced once it is over. */
  static final class RepairSchedule {

    private RepairSchedule() {}

    static void check(RepairDays days, Clock clock) {
      if (days.endsOn().isBefore(days.startsOn())) {
        throw new Refusal(Refusal.Kind.RULE_VIOLATED, "repair_ends_before_it_starts",
            "A repair cannot end before it starts", Map.<String, Object>of("startsOn", days.startsOn().toString(),
            "endsOn", days.endsOn().toString()));
      }
      if (days.endsOn().isBefore(LocalDate.now(clock))) {
        throw new Refusal(Refusal.Kind.RULE_VIOLATED, "repair_in_the_past", "A repair that is over is not announced",
            Map.<String, Object>of("endsOn", days.endsOn().toString()));
      }
    }
  }

  @EventSourcingHandler
  void on(AnnouncementEvent event) {
    sequence++;
    switch (event) {
      case AnnouncementPublished e -> {
        announcementId = e.announcementId();
        cooperativeId = e.cooperativeId();
        repair = e.repair();
      }
      case AnnouncementEdited e -> repair = e.repair();
      case AnnouncementWithdrawn e -> withdrawn = true;
    }
  }
}
