package iok.faults;

import iok.privacy.DataSubject;
import iok.privacy.PersonalData;
import java.time.Instant;

/** A fault's life: reported by a resident, moved by the administrator, commented on by both, reopened. */
public sealed interface FaultEvent {

  String faultId();

  /** {@code premisesId} (the books' id) for the resident's own premises, or null with {@code place} for a common part. */
  record FaultReported(String faultId, String cooperativeId, @DataSubject String reporterId, String premisesId,
                       @PersonalData String place, @PersonalData String title, @PersonalData String description,
                       Instant at) implements FaultEvent {}

  /** {@code reporterId} names whose fault it is: every text of a fault is sealed under its reporter's key. */
  record FaultStatusChanged(String faultId, FaultStatus from, FaultStatus to, @PersonalData String comment, Instant at,
                            @DataSubject String reporterId) implements FaultEvent {}

  record FaultCommented(String faultId, String authorId, String authorRole, @PersonalData String text, Instant at,
                        @DataSubject String reporterId) implements FaultEvent {}

  record FaultReopened(String faultId, @PersonalData String comment, Instant at, @DataSubject String reporterId)
      implements FaultEvent {}

  /**
   * A photo the reporter attached, the {@code number}th of the fault. Only what describes it travels in the
   * event; its bytes are kept apart under {@code contentId}, so the history stays small.
   */
  record FaultPhotoAttached(String faultId, int number, String contentId, String mediaType, long size, String sha256,
                            Instant at) implements FaultEvent {}
}
