package iok.meters.read.meterbook;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumption per period: what a meter counted between two consecutive readings of its own series,
 * named by the month the period ends in (a monthly reading gives one period a month, a settlement
 * period's reading one period per settlement). A replaced meter's series ends; the new one's begins.
 */
final class Consumption {

  record Reading(LocalDate readAt, BigDecimal value) {}

  record Period(YearMonth period, LocalDate from, LocalDate to, long days, BigDecimal used) {}

  private Consumption() {}

  /** {@code series} oldest first. */
  static List<Period> of(List<Reading> series) {
    List<Period> periods = new ArrayList<>();
    for (int i = 1; i < series.size(); i++) {
      Reading from = series.get(i - 1);
      Reading to = series.get(i);
      periods.add(new Period(YearMonth.from(to.readAt()), from.readAt(), to.readAt(),
          ChronoUnit.DAYS.between(from.readAt(), to.readAt()), to.value().subtract(from.value())));
    }
    return periods;
  }
}
