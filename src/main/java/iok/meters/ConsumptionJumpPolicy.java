package iok.meters;

import iok.meters.ReadingSeriesPolicy.Point;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * A jump far above the meter's usual consumption is taken but flagged for the administrator: a typo
 * (1234 for 123.4) or a leak looks the same, and a person should look. The meter's usual consumption
 * is its average per day over its whole series so far, known once the series spans at least
 * {@value #MIN_HISTORY_DAYS} days. A new reading jumps when its consumption per day since the latest
 * reading is more than {@code FACTOR} times the usual and also above {@code FLOOR_PER_DAY} (100 litres
 * a day), so a meter that barely moves is not flagged for a few litres.
 */
public final class ConsumptionJumpPolicy {

  public static final BigDecimal FACTOR = new BigDecimal("3");
  public static final BigDecimal FLOOR_PER_DAY = new BigDecimal("0.100");
  public static final int MIN_HISTORY_DAYS = 28;

  /** What made a reading stand out: cubic metres a day since the latest reading, and usually. */
  public record Jump(BigDecimal perDay, BigDecimal usualPerDay) {}

  private ConsumptionJumpPolicy() {}

  /** {@code series} is the meter's readings so far, oldest first. */
  public static Optional<Jump> assess(List<Point> series, Point next) {
    if (series.size() < 2) return Optional.empty();
    Point first = series.getFirst();
    Point latest = series.getLast();
    long historyDays = ChronoUnit.DAYS.between(first.readAt(), latest.readAt());
    if (historyDays < MIN_HISTORY_DAYS) return Optional.empty();
    BigDecimal usual = perDay(latest.value().minus(first.value()), historyDays);
    long days = Math.max(1, ChronoUnit.DAYS.between(latest.readAt(), next.readAt()));
    BigDecimal now = perDay(next.value().minus(latest.value()), days);
    boolean jumps = now.compareTo(usual.multiply(FACTOR)) > 0 && now.compareTo(FLOOR_PER_DAY) > 0;
    return jumps ? Optional.of(new Jump(litres(now), litres(usual))) : Optional.empty();
  }

  private static BigDecimal perDay(Volume used, long days) {
    return used.cubicMetres().divide(BigDecimal.valueOf(days), 9, RoundingMode.HALF_UP);
  }

  private static BigDecimal litres(BigDecimal cubicMetres) {
    return cubicMetres.setScale(3, RoundingMode.HALF_UP);
  }
}
