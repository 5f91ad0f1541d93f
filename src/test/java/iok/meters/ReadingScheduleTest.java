package iok.meters;

import iok.meters.ReadingScheduleEvent.ReadingWindowsSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cooperative's reading windows, given / when / then. */
class ReadingScheduleTest {

  static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
  static final ReadingWindow DECEMBER = new ReadingWindow(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 31), true);
  static final ReadingWindow JUNE = new ReadingWindow(LocalDate.of(2027, 6, 23), LocalDate.of(2027, 6, 30), false);

  AggregateTestFixture<ReadingSchedule> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(ReadingSchedule.class);
    fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void the_administrator_sets_the_first_windows_in_date_order() {
    fixture.givenNoPriorActivity()
        .when(new ReadingSchedule.SetReadingWindows("sm-opole:reading-windows", "sm-opole", List.of(JUNE, DECEMBER)))
        .expectEvents(new ReadingWindowsSet("sm-opole:reading-windows", "sm-opole", List.of(DECEMBER, JUNE), NOW))
        .expectResultMessagePayload(0L);
  }

  @Test
  void a_new_list_replaces_the_old_one_and_an_empty_one_removes_every_window() {
    fixture.given(new ReadingWindowsSet("sm-opole:reading-windows", "sm-opole", List.of(DECEMBER), NOW))
        .when(new ReadingSchedule.SetReadingWindows("sm-opole:reading-windows", "sm-opole", List.of()))
        .expectEvents(new ReadingWindowsSet("sm-opole:reading-windows", "sm-opole", List.of(), NOW))
        .expectResultMessagePayload(1L);
  }
}
