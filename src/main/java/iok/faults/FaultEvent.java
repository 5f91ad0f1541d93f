package iok.faults;

import java.time.Instant;

/** A fault's life: reported by a resident, moved by the administrator, commented on by both, reopened. */
public sealed interface FaultEvent {

  String faultId();

  /** {@code premisesId} (the books' id) for the resident's own premises, or null with {@code place} for a common part. */
  record FaultReported(String faultId, String cooperativeId, String reporterId, String premisesId, String place,
                       String title, String description, Instant at) implements FaultEvent {}

  record FaultStatusChanged(String faultId, FaultStatus from, FaultStatus to, String comment, Instant at)
      implements FaultEvent {}

  record FaultCommented(String faultId, String authorId, String authorRole, String text, Instant at)
      implements FaultEvent {}

  record FaultReopened(String faultId, String comment, Instant at) implements FaultEvent {}
}
