package iok.notifications;

import iok.finance.Money;
import iok.notifications.Reminder.RemindOfMissingPayment;
import iok.notifications.Reminder.RemindOfReadingWindow;
import iok.notifications.ReminderEvent.PaymentReminderIssued;
import iok.notifications.ReminderEvent.ReadingReminderIssued;
import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReminderTest {

  static final LocalDate TODAY = LocalDate.of(2026, 11, 21);
  static final String PAYMENT = Reminder.payment("sm-prudnik", "T-1", TODAY);
  static final String READING = Reminder.reading("sm-prudnik", LocalDate.of(2026, 11, 24));

  AggregateTestFixture<Reminder> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Reminder.class);
  }

  @Test
  void a_missing_payment_is_reminded_of_the_first_time_it_is_asked_for() {
    fixture.givenNoPriorActivity()
        .when(new RemindOfMissingPayment(PAYMENT, "sm-prudnik", "T-1", "P-1", "acc-1", Money.parse("200.00"), TODAY))
        .expectEvents(new PaymentReminderIssued(PAYMENT, "sm-prudnik", "T-1", "P-1", "acc-1", Money.parse("200.00"), TODAY))
        .expectResultMessagePayload(true);
  }

  @Test
  void the_same_months_reminder_asked_for_again_changes_nothing() {
    fixture.given(new PaymentReminderIssued(PAYMENT, "sm-prudnik", "T-1", "P-1", "acc-1", Money.parse("200.00"), TODAY))
        .when(new RemindOfMissingPayment(PAYMENT, "sm-prudnik", "T-1", "P-1", "acc-1", Money.parse("210.00"),
            TODAY.plusDays(1)))
        .expectNoEvents()
        .expectResultMessagePayload(false);
  }

  @Test
  void a_reading_window_is_announced_once() {
    LocalDate opens = LocalDate.of(2026, 11, 24);
    LocalDate closes = LocalDate.of(2026, 11, 30);
    fixture.givenNoPriorActivity()
        .when(new RemindOfReadingWindow(READING, "sm-prudnik", opens, closes, TODAY))
        .expectEvents(new ReadingReminderIssued(READING, "sm-prudnik", opens, closes, TODAY));
    fixture.given(new ReadingReminderIssued(READING, "sm-prudnik", opens, closes, TODAY))
        .when(new RemindOfReadingWindow(READING, "sm-prudnik", opens, closes, TODAY.plusDays(1)))
        .expectNoEvents();
  }
}
