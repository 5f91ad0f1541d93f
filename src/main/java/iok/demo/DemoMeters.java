package iok.demo;

import iok.Iok;
import iok.meters.Meter;
import iok.meters.MeterKind;
import iok.meters.ReadingSchedule;
import iok.meters.ReadingWindow;
import iok.meters.Volume;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.MetaData;

/**
 * Each demo resident's flat has a cold- and a hot-water meter with a year of readings every two months, all but
 * the latest accepted; the second resident's latest cold reading jumps (a leaking cistern) and waits
 * flagged. The first resident's hot-water meter is due for legalisation soon. Reading windows close
 * June and December; SM Opole makes them mandatory, SM Prudnik only asks.
 */
final class DemoMeters {

  private DemoMeters() {}

  static void seed(Iok iok, MetaData meta, String cooperativeId, List<String> residents, boolean mandatoryWindows,
                   LocalDate today) {
    YearMonth thisMonth = YearMonth.from(today);
    // meters are independent aggregates: their histories are written side by side, each in its order
    List<Future<Void>> meters = new ArrayList<>();
    for (int i = 0; i < residents.size(); i++) {
      String premisesId = "L-" + (101 + i);
      LocalDate installed = LocalDate.of(2023, 5, 15 + i);
      meters.add(meter(iok, meta, cooperativeId, residents.get(i), premisesId, MeterKind.COLD, "ZW-" + (40211 + i * 7),
          installed.plusYears(5), installed, i, thisMonth, i == 1));
      meters.add(meter(iok, meta, cooperativeId, residents.get(i), premisesId, MeterKind.HOT, "CW-" + (17730 + i * 7),
          i == 0 ? today.plusDays(60) : installed.plusYears(5), installed, i, thisMonth, false));
    }
    Future.all(meters).await();
    List<ReadingWindow> windows = new ArrayList<>();
    for (int year = today.getYear(); year <= today.getYear() + 1; year++) {
      windows.add(new ReadingWindow(LocalDate.of(year, 6, 23), LocalDate.of(year, 6, 30), mandatoryWindows));
      windows.add(new ReadingWindow(LocalDate.of(year, 12, 24), LocalDate.of(year, 12, 31), mandatoryWindows));
    }
    iok.commands().send(meta, new ReadingSchedule.SetReadingWindows(ReadingSchedule.id(cooperativeId), cooperativeId,
        windows)).await();
  }

  private static Future<Void> meter(Iok iok, MetaData meta, String cooperativeId, String accountId, String premisesId,
                                    MeterKind kind, String number, LocalDate legalisedUntil, LocalDate installed,
                                    int resident, YearMonth thisMonth, boolean leaks) {
    String meterId = cooperativeId + "-" + premisesId + "-" + kind.code();
    Future<Object> done = iok.commands().send(meta, new Meter.Register(meterId, cooperativeId, premisesId, kind, number,
        "łazienka", legalisedUntil, installed, meterId + "-0", Volume.ZERO));
    // a cold-water meter counts about 115 litres a day in this household (6-7.6 m3 in two months), a hot-water one half
    long before = ChronoUnit.DAYS.between(installed, thisMonth.minusMonths(13).atEndOfMonth());
    BigDecimal value = new BigDecimal("0.115").multiply(BigDecimal.valueOf(before));
    if (kind == MeterKind.HOT) value = value.divide(BigDecimal.TWO, 3, RoundingMode.HALF_UP);
    for (int m = 11; m >= 1; m -= 2) {
      BigDecimal used = new BigDecimal(60 + (m * 7 + resident * 3) % 17).movePointLeft(1);
      if (kind == MeterKind.HOT) used = used.divide(BigDecimal.TWO);
      if (leaks && m == 1) used = used.multiply(BigDecimal.valueOf(5));
      value = value.add(used);
      String readingId = meterId + "-" + thisMonth.minusMonths(m);
      Meter.SubmitReading reading = new Meter.SubmitReading(meterId, cooperativeId, accountId, readingId,
          new Volume(value), thisMonth.minusMonths(m).atEndOfMonth());
      boolean accept = m > 1;
      done = done.compose(v -> iok.commands().send(meta, reading))
          .compose(v -> accept ? iok.commands().send(meta, new Meter.AcceptReading(meterId, cooperativeId, readingId))
              : Future.succeededFuture());
    }
    return done.mapEmpty();
  }
}
