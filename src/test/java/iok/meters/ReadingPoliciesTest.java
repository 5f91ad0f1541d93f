package iok.meters;

import static org.assertj.core.api.Assertions.assertThat;

import iok.meters.ConsumptionJumpPolicy.Jump;
import iok.meters.ReadingSeriesPolicy.Point;
import iok.meters.ReadingSeriesPolicy.Verdict;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The named rules of readings, each on its own. */
class ReadingPoliciesTest {

  static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

  static Point point(String day, String value) {
    return new Point(LocalDate.parse(day), Volume.parse(value));
  }

  @Nested
  class Series {

    @Test
    void a_meter_counts_up_from_its_latest_reading() {
      Point latest = point("2026-10-31", "110.000");
      assertThat(ReadingSeriesPolicy.judge(latest, point("2026-11-20", "110.001"))).isEqualTo(Verdict.FOLLOWS);
      assertThat(ReadingSeriesPolicy.judge(latest, point("2026-11-20", "110"))).isEqualTo(Verdict.FOLLOWS);
      assertThat(ReadingSeriesPolicy.judge(latest, point("2026-11-20", "109.999"))).isEqualTo(Verdict.LOWER_THAN_LATEST);
      assertThat(ReadingSeriesPolicy.judge(latest, point("2026-10-30", "120"))).isEqualTo(Verdict.DATED_BEFORE_LATEST);
      assertThat(ReadingSeriesPolicy.judge(null, point("2026-10-30", "0"))).isEqualTo(Verdict.FOLLOWS);
    }

    @Test
    void a_correction_lies_between_its_neighbours() {
      Point before = point("2026-09-30", "100");
      Point after = point("2026-11-30", "120");
      assertThat(ReadingSeriesPolicy.fitsBetween(before, Volume.parse("100"), after)).isTrue();
      assertThat(ReadingSeriesPolicy.fitsBetween(before, Volume.parse("120"), after)).isTrue();
      assertThat(ReadingSeriesPolicy.fitsBetween(before, Volume.parse("99.999"), after)).isFalse();
      assertThat(ReadingSeriesPolicy.fitsBetween(before, Volume.parse("120.001"), after)).isFalse();
      assertThat(ReadingSeriesPolicy.fitsBetween(before, Volume.parse("5000"), null)).isTrue();
    }
  }

  @Nested
  class Legalisation {

    @Test
    void the_expiry_day_still_counts_the_day_after_does_not() {
      LocalDate until = LocalDate.of(2026, 11, 15);
      assertThat(LegalisationPolicy.covers(until, until)).isTrue();
      assertThat(LegalisationPolicy.covers(until, until.plusDays(1))).isFalse();
    }

    @Test
    void a_resident_is_warned_in_the_last_ninety_days() {
      assertThat(LegalisationPolicy.expiresSoon(TODAY.plusDays(90), TODAY)).isTrue();
      assertThat(LegalisationPolicy.expiresSoon(TODAY.plusDays(91), TODAY)).isFalse();
      assertThat(LegalisationPolicy.expiresSoon(TODAY.minusDays(1), TODAY)).as("expired, not soon").isFalse();
    }
  }

  @Nested
  class Windows {

    final ReadingWindow november = new ReadingWindow(LocalDate.of(2026, 11, 18), LocalDate.of(2026, 11, 25), true);
    final ReadingWindow december = new ReadingWindow(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 31), false);

    @Test
    void without_mandatory_windows_every_day_admits_a_reading() {
      assertThat(ReadingWindowPolicy.admits(List.of(), TODAY, TODAY)).isTrue();
      assertThat(ReadingWindowPolicy.admits(List.of(december), LocalDate.of(2026, 3, 1), TODAY)).isTrue();
    }

    @Test
    void a_mandatory_window_admits_a_reading_read_and_submitted_inside_it() {
      List<ReadingWindow> windows = List.of(november, december);
      assertThat(ReadingWindowPolicy.admits(windows, TODAY, TODAY)).isTrue();
      assertThat(ReadingWindowPolicy.admits(windows, LocalDate.of(2026, 11, 18), TODAY)).isTrue();
      assertThat(ReadingWindowPolicy.admits(windows, LocalDate.of(2026, 11, 17), TODAY)).as("read before it opened").isFalse();
      assertThat(ReadingWindowPolicy.admits(windows, LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 26)))
          .as("submitted after it closed").isFalse();
      assertThat(ReadingWindowPolicy.admits(windows, LocalDate.of(2026, 12, 27), LocalDate.of(2026, 12, 27)))
          .as("only in a window that is not mandatory").isFalse();
    }

    @Test
    void the_current_and_next_windows_are_found() {
      List<ReadingWindow> windows = List.of(november, december);
      assertThat(ReadingWindowPolicy.current(windows, TODAY)).contains(november);
      assertThat(ReadingWindowPolicy.next(windows, TODAY)).contains(december);
      assertThat(ReadingWindowPolicy.current(windows, LocalDate.of(2026, 12, 1))).isEmpty();
      assertThat(ReadingWindowPolicy.nextMandatory(windows, LocalDate.of(2026, 11, 26))).isEmpty();
      assertThat(ReadingWindowPolicy.nextMandatory(windows, LocalDate.of(2026, 11, 1))).contains(november);
    }
  }

  @Nested
  class Jumps {

    final List<Point> usual = List.of(point("2026-01-01", "0"), point("2026-01-31", "3"));

    @Test
    void more_than_three_times_the_usual_daily_consumption_is_flagged() {
      // usual 0.1 m3 a day; 0.31 a day over 10 days is a jump
      assertThat(ConsumptionJumpPolicy.assess(usual, point("2026-02-10", "6.1")))
          .contains(new Jump(new BigDecimal("0.310"), new BigDecimal("0.100")));
      assertThat(ConsumptionJumpPolicy.assess(usual, point("2026-02-10", "6"))).as("exactly three times").isEmpty();
    }

    @Test
    void a_meter_that_barely_moves_is_not_flagged_below_the_floor() {
      List<Point> still = List.of(point("2026-01-01", "0"), point("2026-03-01", "0.6"));
      // usual 0.01 a day; 0.09 a day is nine times as much, but under 100 litres a day
      assertThat(ConsumptionJumpPolicy.assess(still, point("2026-03-11", "1.5"))).isEmpty();
      assertThat(ConsumptionJumpPolicy.assess(still, point("2026-03-11", "1.7"))).isPresent();
    }

    @Test
    void without_four_weeks_of_history_nothing_is_usual_yet() {
      assertThat(ConsumptionJumpPolicy.assess(List.of(point("2026-01-01", "0")), point("2026-01-02", "50"))).isEmpty();
      assertThat(ConsumptionJumpPolicy.assess(List.of(point("2026-01-01", "0"), point("2026-01-20", "1")),
          point("2026-01-21", "50"))).isEmpty();
    }

    @Test
    void a_reading_on_the_same_day_as_the_latest_counts_as_one_day() {
      assertThat(ConsumptionJumpPolicy.assess(usual, point("2026-01-31", "3.2"))).isEmpty();
      assertThat(ConsumptionJumpPolicy.assess(usual, point("2026-01-31", "3.4"))).isPresent();
    }
  }

  @Test
  void volumes_are_cubic_metres_to_the_litre() {
    assertThat(Volume.parse("123.4").toString()).isEqualTo("123.400");
    assertThat(Volume.parse("0").toString()).isEqualTo("0.000");
    for (String bad : List.of("-1", "1,5", "1.2345", "1e3", "", "01")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Volume.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
