package iok.announcements;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import iok.announcements.AnnouncementEvent.AnnouncementEdited;
import iok.announcements.AnnouncementEvent.AnnouncementPublished;
import iok.announcements.AnnouncementEvent.AnnouncementWithdrawn;
import iok.announcements.AnnouncementEvent.Audience;
import iok.platform.domain.Refusal;
import java.time.Clock;
import java.time.LocalDate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An announcement: published by an administrator, edited while it stands, withdrawn for good. */
public class Announcement {

  public record Publish(@TargetAggregateIdentifier String announcementId, String cooperativeId, Audience audience,
                        String title, String body, LocalDate expiresOn) {}

  public record Edit(@TargetAggregateIdentifier String announcementId, String cooperativeId, String title, String body,
                     LocalDate expiresOn) {}

  public record Withdraw(@TargetAggregateIdentifier String announcementId, String cooperativeId) {}

  @AggregateIdentifier
  private String announcementId;
  private String cooperativeId;
  private boolean withdrawn;
  private long sequence = -1;

  protected Announcement() {}

  @CommandHandler
  public Announcement(Publish command, Clock clock) {
    if (command.expiresOn() != null && command.expiresOn().isBefore(LocalDate.now(clock))) {
      throw new Refusal(Refusal.Kind.RULE_VIOLATED, "expires_in_the_past", "An announcement cannot expire before it is published");
    }
    apply(new AnnouncementPublished(command.announcementId(), command.cooperativeId(), command.audience(), command.title(),
        command.body(), command.expiresOn(), clock.instant()));
  }

  @CommandHandler
  public long handle(Edit command, Clock clock) {
    standing(command.cooperativeId());
    apply(new AnnouncementEdited(announcementId, command.title(), command.body(), command.expiresOn(), clock.instant()));
    return sequence;
  }

  @CommandHandler
  public long handle(Withdraw command, Clock clock) {
    if (!cooperativeId.equals(command.cooperativeId())) throw Refusal.notFound("Announcement");
    if (!withdrawn) apply(new AnnouncementWithdrawn(announcementId, clock.instant()));
    return sequence;
  }

  private void standing(String cooperativeId) {
    if (!this.cooperativeId.equals(cooperativeId)) throw Refusal.notFound("Announcement");
    if (withdrawn) {
      throw new Refusal(Refusal.Kind.CONFLICT, "announcement_withdrawn", "A withdrawn announcement is not edited");
    }
  }

  @EventSourcingHandler
  void on(AnnouncementEvent event) {
    sequence++;
    switch (event) {
      case AnnouncementPublished e -> {
        announcementId = e.announcementId();
        cooperativeId = e.cooperativeId();
      }
      case AnnouncementEdited e -> { }
      case AnnouncementWithdrawn e -> withdrawn = true;
    }
  }
}
