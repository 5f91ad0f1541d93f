package iok.cooperative;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import iok.cooperative.CooperativeEvent.CooperativeEstablished;
import iok.cooperative.CooperativeEvent.RegulationsPublished;
import iok.cooperative.write.establish.EstablishCooperative;
import iok.cooperative.write.publishregulations.PublishRegulations;
import iok.cooperative.write.remindertimes.SetReminderTimes;
import iok.platform.domain.Refusal;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** A cooperative as a tenant: its rules and the versions of its regulations. */
public class Cooperative {

  @AggregateIdentifier
  private String cooperativeId;
  private final Set<String> publishedVersions = new HashSet<>();
  private long sequence = -1;

  protected Cooperative() {}

  @CommandHandler
  public Cooperative(EstablishCooperative command) {
    new LockoutPolicy(command.lockoutThreshold());
    apply(new CooperativeEstablished(command.cooperativeId(), command.name(), command.passwordPolicy(),
        command.lockoutThreshold(), List.copyOf(command.zones()), command.office()));
  }

  /** Returns the sequence of the event it applied, so the caller can wait for the read model. */
  @CommandHandler
  public long handle(PublishRegulations command, Clock clock) {
    if (publishedVersions.contains(command.version())) {
      throw new Refusal(Refusal.Kind.CONFLICT, "regulations_version_exists",
          "Regulations version " + command.version() + " was already published");
    }
    apply(new RegulationsPublished(cooperativeId, command.version(), command.text(), clock.instant()));
    return sequence;
  }

  @CommandHandler
  public long handle(SetReminderTimes command, Clock clock) {
    apply(new CooperativeEvent.ReminderTimesSet(cooperativeId, command.times(), clock.instant()));
    return sequence;
  }

  @CommandHandler
  public long handle(iok.cooperative.write.zones.SetZones command, Clock clock) {
    apply(new CooperativeEvent.ZonesSet(cooperativeId, command.zones(), clock.instant()));
    return sequence;
  }

  /** Called by the books' importer in the same unit of work as the batch it booked. */
  public void booksLoaded(String kind, int rows, int recorded, java.time.Instant at) {
    apply(new CooperativeEvent.BooksLoaded(cooperativeId, kind, rows, recorded, at));
  }

  @EventSourcingHandler
  void on(CooperativeEvent event) {
    sequence++;
    switch (event) {
      case CooperativeEstablished e -> cooperativeId = e.cooperativeId();
      case RegulationsPublished e -> publishedVersions.add(e.version());
      case CooperativeEvent.BooksLoaded e -> { }
      case CooperativeEvent.ReminderTimesSet e -> { }
      case CooperativeEvent.ZonesSet e -> { }
    }
  }
}
