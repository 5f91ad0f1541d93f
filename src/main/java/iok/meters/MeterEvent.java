package iok.meters;

import iok.meters.ConsumptionJumpPolicy.Jump;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A water meter's life: registered (by itself or as another's replacement) with the reading it was
 * installed at, readings submitted by the resident and reviewed by the administrator, removed with
 * its final reading. A replacement starts its own series; the old meter's series ends.
 */
public sealed interface MeterEvent {

  String meterId();

  /** {@code premisesId} is the books' id; {@code replaces} names the meter this one replaced, or null. */
  record MeterRegistered(String meterId, String cooperativeId, String premisesId, MeterKind kind, String number,
                         String place, LocalDate legalisedUntil, LocalDate installedOn, String installationReadingId,
                         Volume initialValue, String replaces, Instant at) implements MeterEvent {}

  /** {@code finalReadingId} and {@code finalValue} are null when nobody read the meter as it came off. */
  record MeterRemoved(String meterId, LocalDate removedOn, String finalReadingId, Volume finalValue, String replacedBy,
                      Instant at) implements MeterEvent {}

  /** {@code jump} is null, or why the reading waits flagged for the administrator. */
  record ReadingSubmitted(String meterId, String readingId, String accountId, Volume value, LocalDate readAt, Jump jump,
                          Instant at) implements MeterEvent {}

  record ReadingAccepted(String meterId, String readingId, Instant at) implements MeterEvent {}

  record ReadingCorrected(String meterId, String readingId, Volume from, Volume to, String comment, Instant at)
      implements MeterEvent {}
}
