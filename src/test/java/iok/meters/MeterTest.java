package iok.meters;

import static iok.support.Refusals.refused;

import iok.meters.ConsumptionJumpPolicy.Jump;
import iok.meters.MeterEvent.MeterRegistered;
import iok.meters.MeterEvent.MeterRemoved;
import iok.meters.MeterEvent.ReadingAccepted;
import iok.meters.MeterEvent.ReadingCorrected;
import iok.meters.MeterEvent.ReadingSubmitted;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A water meter's readings, given / when / then: every rule a resident's reading meets. */
class MeterTest {

  /** 11:00 in Warsaw on 20 November 2026. */
  static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
  static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
  static final MeterRegistered REGISTERED = new MeterRegistered("m-1", "sm-opole", "L-101", MeterKind.COLD, "WZ-100",
      "łazienka", LocalDate.of(2029, 6, 30), LocalDate.of(2026, 1, 10), "r-0", v("100"), null, NOW);

  AggregateTestFixture<Meter> fixture;
  final List<ReadingWindow> windows = new ArrayList<>();

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Meter.class);
    fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    fixture.registerInjectableResource((ReadingCalendar) cooperative -> List.copyOf(windows));
  }

  static Volume v(String text) {
    return Volume.parse(text);
  }

  static ReadingSubmitted submitted(String id, String value, LocalDate readAt) {
    return new ReadingSubmitted("m-1", id, "anna", v(value), readAt, null, NOW);
  }

  static Meter.SubmitReading submit(String value, LocalDate readAt) {
    return new Meter.SubmitReading("m-1", "sm-opole", "anna", "r-new", v(value), readAt);
  }

  @Test
  void an_administrator_registers_a_meter_which_starts_its_series_at_the_installation_reading() {
    fixture.givenNoPriorActivity()
        .when(new Meter.Register("m-1", "sm-opole", "L-101", MeterKind.COLD, "WZ-100", "łazienka",
            LocalDate.of(2029, 6, 30), LocalDate.of(2026, 1, 10), "r-0", v("100")))
        .expectEvents(REGISTERED);
  }

  @Test
  void a_meter_whose_legalisation_expires_before_its_installation_is_not_registered() {
    fixture.givenNoPriorActivity()
        .when(new Meter.Register("m-1", "sm-opole", "L-101", MeterKind.HOT, "WC-1", "kuchnia",
            LocalDate.of(2025, 12, 31), LocalDate.of(2026, 1, 10), "r-0", v("0")))
        .expectException(refused("legalisation_before_installation"));
  }

  @Test
  void a_resident_submits_a_reading_which_waits_for_review() {
    fixture.given(REGISTERED)
        .when(submit("112.345", TODAY))
        .expectEvents(new ReadingSubmitted("m-1", "r-new", "anna", v("112.345"), TODAY, null, NOW))
        .expectResultMessagePayload(new Meter.Submitted(1, ReadingStatus.SUBMITTED));
  }

  @Test
  void a_reading_lower_than_the_meters_latest_is_refused() {
    fixture.given(REGISTERED, submitted("r-1", "110", LocalDate.of(2026, 10, 31)))
        .when(submit("109.999", TODAY))
        .expectException(refused("value_below_last_reading"))
        .expectNoEvents();
  }

  @Test
  void a_reading_waiting_for_review_already_counts_as_the_meters_latest() {
    fixture.given(REGISTERED, submitted("r-1", "110", LocalDate.of(2026, 10, 31)))
        .when(submit("105", TODAY))
        .expectException(refused("value_below_last_reading"));
  }

  @Test
  void after_a_correction_the_corrected_value_is_the_one_to_beat() {
    fixture.given(REGISTERED, submitted("r-1", "1100", LocalDate.of(2026, 10, 31)),
            new ReadingCorrected("m-1", "r-1", v("1100"), v("110"), "przecinek", NOW))
        .when(submit("111", TODAY))
        .expectEvents(new ReadingSubmitted("m-1", "r-new", "anna", v("111"), TODAY, null, NOW));
  }

  @Test
  void the_same_value_as_the_latest_is_taken_a_meter_may_stand_still() {
    fixture.given(REGISTERED, submitted("r-1", "110", LocalDate.of(2026, 10, 31)))
        .when(submit("110", TODAY))
        .expectSuccessfulHandlerExecution();
  }

  @Test
  void a_reading_dated_before_the_meters_latest_is_refused() {
    fixture.given(REGISTERED, submitted("r-1", "110", LocalDate.of(2026, 10, 31)))
        .when(submit("120", LocalDate.of(2026, 10, 30)))
        .expectException(refused("read_before_last_reading"));
  }

  @Test
  void a_reading_dated_after_today_in_warsaw_is_refused() {
    fixture.given(REGISTERED)
        .when(submit("120", TODAY.plusDays(1)))
        .expectException(refused("read_in_future"));
  }

  @Test
  void late_in_the_evening_utc_it_is_already_tomorrow_in_warsaw() {
    fixture = new AggregateTestFixture<>(Meter.class);
    fixture.registerInjectableResource(Clock.fixed(Instant.parse("2026-11-20T23:30:00Z"), ZoneOffset.UTC));
    fixture.registerInjectableResource((ReadingCalendar) cooperative -> List.of());
    fixture.given(REGISTERED)
        .when(submit("120", TODAY.plusDays(1)))
        .expectSuccessfulHandlerExecution();
  }

  @Test
  void a_removed_meter_takes_no_reading() {
    fixture.given(REGISTERED, new MeterRemoved("m-1", LocalDate.of(2026, 11, 1), null, null, "m-2", NOW))
        .when(submit("120", TODAY))
        .expectException(refused("meter_removed"));
  }

  @Test
  void a_reading_after_the_legalisation_expired_is_refused_and_one_on_the_expiry_day_taken() {
    MeterRegistered expiring = new MeterRegistered("m-1", "sm-opole", "L-101", MeterKind.HOT, "WC-7", "kuchnia",
        LocalDate.of(2026, 11, 15), LocalDate.of(2021, 11, 15), "r-0", v("0"), null, NOW);
    fixture.given(expiring)
        .when(submit("120", LocalDate.of(2026, 11, 16)))
        .expectException(refused("legalisation_expired"));
    fixture.given(expiring)
        .when(submit("120", LocalDate.of(2026, 11, 15)))
        .expectSuccessfulHandlerExecution();
  }

  @Test
  void with_a_mandatory_window_a_reading_is_taken_only_when_read_and_submitted_inside_it() {
    windows.add(new ReadingWindow(LocalDate.of(2026, 11, 18), LocalDate.of(2026, 11, 25), true));
    fixture.given(REGISTERED)
        .when(submit("120", TODAY))
        .expectSuccessfulHandlerExecution();
    fixture.given(REGISTERED)
        .when(submit("120", LocalDate.of(2026, 11, 17)))
        .expectException(refused("outside_reading_window"));
  }

  @Test
  void outside_every_mandatory_window_a_reading_is_refused_even_if_dated_in_a_past_one() {
    windows.add(new ReadingWindow(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 7), true));
    windows.add(new ReadingWindow(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 31), true));
    fixture.given(REGISTERED)
        .when(submit("120", LocalDate.of(2026, 11, 5)))
        .expectException(refused("outside_reading_window"))
        .expectNoEvents();
  }

  @Test
  void windows_that_are_not_mandatory_refuse_nothing() {
    windows.add(new ReadingWindow(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 31), false));
    fixture.given(REGISTERED)
        .when(submit("120", TODAY))
        .expectSuccessfulHandlerExecution();
  }

  @Test
  void a_jump_far_above_the_usual_consumption_is_taken_but_flagged() {
    // 100 m3 on 10 Jan, 128 on 31 Oct: 0.1 a day; then 18 m3 in 20 days is 0.9 a day
    fixture.given(REGISTERED, submitted("r-1", "128", LocalDate.of(2026, 10, 31)))
        .when(submit("146", TODAY))
        .expectEvents(new ReadingSubmitted("m-1", "r-new", "anna", v("146"), TODAY,
            new Jump(new BigDecimal("0.900"), new BigDecimal("0.095")), NOW))
        .expectResultMessagePayload(new Meter.Submitted(2, ReadingStatus.FLAGGED));
  }

  @Test
  void the_administrator_accepts_a_reading_once() {
    fixture.given(REGISTERED, submitted("r-1", "110", LocalDate.of(2026, 10, 31)))
        .when(new Meter.AcceptReading("m-1", "sm-opole", "r-1"))
        .expectEvents(new ReadingAccepted("m-1", "r-1", NOW));
    fixture.given(REGISTERED, submitted("r-1", "110", LocalDate.of(2026, 10, 31)), new ReadingAccepted("m-1", "r-1", NOW))
        .when(new Meter.AcceptReading("m-1", "sm-opole", "r-1"))
        .expectException(refused("already_reviewed"));
  }

  @Test
  void the_administrator_corrects_a_reading_within_its_neighbours() {
    fixture.given(REGISTERED, submitted("r-1", "1100", LocalDate.of(2026, 10, 31)))
        .when(new Meter.CorrectReading("m-1", "sm-opole", "r-1", v("110"), "Przesunięty przecinek"))
        .expectEvents(new ReadingCorrected("m-1", "r-1", v("1100"), v("110"), "Przesunięty przecinek", NOW));
    fixture.given(REGISTERED, submitted("r-1", "110", LocalDate.of(2026, 10, 31)), submitted("r-2", "120", TODAY))
        .when(new Meter.CorrectReading("m-1", "sm-opole", "r-1", v("121"), "?"))
        .expectException(refused("value_breaks_series"));
    fixture.given(REGISTERED, submitted("r-1", "110", LocalDate.of(2026, 10, 31)))
        .when(new Meter.CorrectReading("m-1", "sm-opole", "r-1", v("99"), "?"))
        .expectException(refused("value_breaks_series"));
  }

  @Test
  void another_cooperative_and_unknown_readings_are_not_found() {
    fixture.given(REGISTERED, submitted("r-1", "110", LocalDate.of(2026, 10, 31)))
        .when(new Meter.AcceptReading("m-1", "sm-prudnik", "r-1"))
        .expectException(refused("not_found"));
    fixture.given(REGISTERED)
        .when(new Meter.AcceptReading("m-1", "sm-opole", "r-9"))
        .expectException(refused("not_found"));
    fixture.given(REGISTERED)
        .when(new Meter.SubmitReading("m-1", "sm-prudnik", "jan", "r-new", v("120"), TODAY))
        .expectException(refused("not_found"));
  }

  @Test
  void a_replaced_meter_is_removed_with_its_final_reading_and_the_new_one_starts_its_own_series() {
    fixture.given(REGISTERED, submitted("r-1", "110", LocalDate.of(2026, 10, 31)))
        .when(new Meter.Replace("m-1", "sm-opole", "m-2", "WZ-200", LocalDate.of(2031, 11, 1), TODAY, "r-final",
            v("112.5"), "r-start", v("0")))
        .expectEvents(new MeterRemoved("m-1", TODAY, "r-final", v("112.5"), "m-2", NOW),
            new MeterRegistered("m-2", "sm-opole", "L-101", MeterKind.COLD, "WZ-200", "łazienka",
                LocalDate.of(2031, 11, 1), TODAY, "r-start", v("0"), "m-1", NOW))
        .expectResultMessagePayload(new Meter.Replaced(2, "m-2"));
  }

  @Test
  void a_replacement_keeps_the_old_series_counting_up_and_happens_once() {
    fixture.given(REGISTERED, submitted("r-1", "110", LocalDate.of(2026, 10, 31)))
        .when(new Meter.Replace("m-1", "sm-opole", "m-2", "WZ-200", LocalDate.of(2031, 11, 1), TODAY, "r-final",
            v("109"), "r-start", v("0")))
        .expectException(refused("value_below_last_reading"));
    fixture.given(REGISTERED, new MeterRemoved("m-1", TODAY, null, null, "m-2", NOW))
        .when(new Meter.Replace("m-1", "sm-opole", "m-3", "WZ-300", LocalDate.of(2031, 11, 1), TODAY, "r-final",
            null, "r-start", v("0")))
        .expectException(refused("meter_removed"));
  }
}
