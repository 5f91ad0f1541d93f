package iok.meters;

import java.time.LocalDate;

/**
 * A water meter counts legally only until its legalisation expires (in Poland, five years after it was
 * legalised); a reading taken after that day settles nothing, so it is not taken.
 * The expiry day itself still counts.
 */
public final class LegalisationPolicy {

  /** How long before the expiry a resident is warned that the meter is due for replacement. */
  public static final int WARN_DAYS_BEFORE = 90;

  private LegalisationPolicy() {}

  public static boolean covers(LocalDate legalisedUntil, LocalDate readAt) {
    return !readAt.isAfter(legalisedUntil);
  }

  public static boolean expiresSoon(LocalDate legalisedUntil, LocalDate today) {
    return covers(legalisedUntil, today) && !today.plusDays(WARN_DAYS_BEFORE).isBefore(legalisedUntil);
  }
}
