package iok.meters;

import java.time.LocalDate;

/**
 * A meter only counts up, and its readings follow one another in time: a reading may not show less
 * than the meter's latest reading, nor be dated before it. "Latest" is the latest reading the meter
 * took in, reviewed or not (a correction counts with its corrected value): a cooperative expects a
 * resident's second reading to go on from the first, not from whatever the office confirmed last.
 */
public final class ReadingSeriesPolicy {

  public enum Verdict { FOLLOWS, DATED_BEFORE_LATEST, LOWER_THAN_LATEST }

  /** A reading in a meter's series: its day and what it showed. */
  public record Point(LocalDate readAt, Volume value) {}

  private ReadingSeriesPolicy() {}

  /** Whether {@code next} may follow {@code latest}; a meter with no reading yet takes anything. */
  public static Verdict judge(Point latest, Point next) {
    if (latest == null) return Verdict.FOLLOWS;
    if (next.readAt().isBefore(latest.readAt())) return Verdict.DATED_BEFORE_LATEST;
    if (next.value().isBelow(latest.value())) return Verdict.LOWER_THAN_LATEST;
    return Verdict.FOLLOWS;
  }

  /** A correction keeps the series counting up: no lower than the reading before, no higher than the one after. */
  public static boolean fitsBetween(Point before, Volume corrected, Point after) {
    return (before == null || !corrected.isBelow(before.value())) && (after == null || !after.value().isBelow(corrected));
  }
}
