package iok.faults;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import iok.faults.FaultEvent.FaultCommented;
import iok.faults.FaultEvent.FaultPhotoAttached;
import iok.faults.FaultEvent.FaultReopened;
import iok.faults.FaultEvent.FaultReported;
import iok.faults.FaultEvent.FaultStatusChanged;
import iok.platform.domain.Refusal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A reported fault (R12). Only its reporter and the cooperative's staff know it exists. */
public class Fault {

  public record Report(@TargetAggregateIdentifier String faultId, String cooperativeId, String reporterId,
                       String premisesId, String place, String title, String description, List<Photo> photos) {}

  /** A checked photo whose bytes are stored already under {@code contentId}. */
  public record Photo(String contentId, String mediaType, long size, String sha256) {}

  /** More photos for a fault, from its reporter. */
  public record AttachPhotos(@TargetAggregateIdentifier String faultId, String cooperativeId, String accountId,
                             String role, List<Photo> photos) {}

  public record ChangeStatus(@TargetAggregateIdentifier String faultId, String cooperativeId, FaultStatus to,
                             String comment) {}

  /** By the reporter or staff; {@code reopen} asks to reopen a resolved fault, which only its reporter may. */
  public record Comment(@TargetAggregateIdentifier String faultId, String cooperativeId, String authorId,
                        String authorRole, String text, boolean reopen) {}

  @AggregateIdentifier
  private String faultId;
  private String cooperativeId;
  private String reporterId;
  private FaultStatus status;
  private int photos;
  private long sequence = -1;

  protected Fault() {}

  @CommandHandler
  public Fault(Report command, Clock clock) {
    PhotoPolicy.checkCount(0, command.photos().size());
    apply(new FaultReported(command.faultId(), command.cooperativeId(), command.reporterId(), command.premisesId(),
        command.place(), command.title(), command.description(), clock.instant()));
    attach(command.faultId(), 0, command.photos(), clock);
  }

  @CommandHandler
  public long handle(AttachPhotos command, Clock clock) {
    visibleTo(command.cooperativeId(), command.accountId(), command.role());
    if (!reporterId.equals(command.accountId())) {
      throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", "Only the person who reported a fault adds photos to it");
    }
    PhotoPolicy.checkCount(photos, command.photos().size());
    attach(faultId, photos, command.photos(), clock);
    return sequence;
  }

  /** Numbers counted here: in the creating constructor Axon applies the events only after it returns. */
  private void attach(String faultId, int attached, List<Photo> added, Clock clock) {
    int number = attached;
    for (Photo p : added) {
      apply(new FaultPhotoAttached(faultId, ++number, p.contentId(), p.mediaType(), p.size(), p.sha256(), clock.instant()));
    }
  }

  @CommandHandler
  public long handle(ChangeStatus command, Clock clock) {
    visibleTo(command.cooperativeId(), null, "admin");
    if (!status.administratorMayMoveTo(command.to())) {
      throw new Refusal(Refusal.Kind.CONFLICT, "transition_not_allowed",
          "A fault that is " + status.code() + " cannot become " + command.to().code(),
          Map.of("status", status.code(), "allowed", status.administratorMoves().stream().map(FaultStatus::code).toList()));
    }
    apply(new FaultStatusChanged(faultId, status, command.to(), command.comment(), clock.instant(), reporterId));
    return sequence;
  }

  @CommandHandler
  public long handle(Comment command, Clock clock) {
    visibleTo(command.cooperativeId(), command.authorId(), command.authorRole());
    if (command.reopen()) {
      if (!command.authorId().equals(reporterId)) {
        throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", "Only the person who reported a fault reopens it");
      }
      if (!status.residentMayReopen()) {
        throw new Refusal(Refusal.Kind.CONFLICT, "transition_not_allowed", "Only a resolved fault is reopened",
            Map.of("status", status.code()));
      }
      apply(new FaultReopened(faultId, command.text(), clock.instant(), reporterId));
    } else {
      apply(new FaultCommented(faultId, command.authorId(), command.authorRole(), command.text(), clock.instant(),
          reporterId));
    }
    return sequence;
  }

  /** Another cooperative's staff, or a resident who did not report it, learn nothing: not found. */
  private void visibleTo(String cooperativeId, String accountId, String role) {
    boolean staff = "admin".equals(role) || "auditor".equals(role);
    if (!this.cooperativeId.equals(cooperativeId) || (!staff && !reporterId.equals(accountId))) {
      throw Refusal.notFound("Fault");
    }
  }

  @EventSourcingHandler
  void on(FaultEvent event) {
    sequence++;
    switch (event) {
      case FaultReported e -> {
        faultId = e.faultId();
        cooperativeId = e.cooperativeId();
        reporterId = e.reporterId();
        status = FaultStatus.REPORTED;
      }
      case FaultPhotoAttached e -> photos = e.number();
      case FaultStatusChanged e -> status = e.to();
      case FaultReopened e -> status = FaultStatus.REPORTED;
      case FaultCommented e -> { }
    }
  }
}
