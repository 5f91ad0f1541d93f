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

  /**
   * A photo the reporter attached, the {@code number}th of the fault. Only what describes it travels in the
   * event; its bytes are kept apart under {@code contentId}, so the history stays small.
   */
  record FaultPhotoAttached(String faultId, int number, String contentId, String mediaType, long size, String sha256,
                            Instant at) implements FaultEvent {}
}
