package iok.payments;

import iok.finance.Money;
import iok.payments.PaymentEvent.NotificationReceived;
import iok.payments.PaymentEvent.PaymentExpired;
import iok.payments.PaymentEvent.PaymentFailed;
import iok.payments.PaymentEvent.PaymentPending;
import iok.payments.PaymentEvent.PaymentStarted;
import iok.payments.PaymentEvent.PaymentSucceeded;
import iok.platform.domain.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A payment's state machine, given / when / then: what each notification does in each state. */
class PaymentTest {

  static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
  static final Duration VALIDITY = Duration.ofMinutes(30);
  static final Money AMOUNT = Money.parse("512.34");
  static final PaymentStarted STARTED = new PaymentStarted("o-1", "sm-prudnik", "anna", "W-1", "WT-1", AMOUNT, "PLN",
      "100001", NOW.plus(VALIDITY), NOW);

  AggregateTestFixture<Payment> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Payment.class);
    fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static Payment.Notify itn(String status) {
    return new Payment.Notify("o-1", "R-1", status, "ACCEPTED", "512.34", "PLN", "106", "20261120110203", true, true);
  }

  static NotificationReceived received(String status, String refusal) {
    return new NotificationReceived("o-1", "sm-prudnik", "R-1", status, "ACCEPTED", "512.34", "PLN", "106",
        "20261120110203", refusal == null, refusal, NOW);
  }

  static final PaymentSucceeded SUCCEEDED = new PaymentSucceeded("o-1", "sm-prudnik", "anna", "WT-1", "R-1",
      LocalDate.of(2026, 11, 20), AMOUNT, NOW);

  @Test
  void a_holder_starts_a_payment_which_expires_unless_confirmed_in_time() {
    fixture.givenNoPriorActivity()
        .when(new Payment.Start("o-1", "sm-prudnik", "anna", "W-1", "WT-1", AMOUNT, PaymentLimit.DEFAULT, "100001", VALIDITY))
        .expectEvents(STARTED)
        .expectScheduledDeadlineWithName(VALIDITY, Payment.VALIDITY_DEADLINE);
  }

  @Test
  void nothing_and_more_than_the_cooperatives_limit_are_not_paid() {
    fixture.givenNoPriorActivity()
        .when(new Payment.Start("o-1", "sm-prudnik", "anna", "W-1", "WT-1", Money.ZERO, PaymentLimit.DEFAULT, "1", VALIDITY))
        .expectException(Refusal.class).expectNoEvents();
    fixture.givenNoPriorActivity()
        .when(new Payment.Start("o-1", "sm-prudnik", "anna", "W-1", "WT-1", Money.parse("10000.01"), PaymentLimit.DEFAULT,
            "1", VALIDITY))
        .expectException(Refusal.class).expectExceptionMessage("One payment is at most 10000.00 zł in this cooperative");
  }

  @Test
  void pending_then_success_pays_the_order_once() {
    fixture.given(STARTED)
        .when(itn("PENDING"))
        .expectResultMessagePayload(true)
        .expectEvents(received("PENDING", null), new PaymentPending("o-1", "sm-prudnik", "R-1", NOW));
    fixture.given(STARTED, received("PENDING", null), new PaymentPending("o-1", "sm-prudnik", "R-1", NOW))
        .when(itn("SUCCESS"))
        .expectEvents(received("SUCCESS", null), SUCCEEDED);
  }

  @Test
  void a_repeated_success_is_confirmed_again_and_pays_nothing_more() {
    fixture.given(STARTED, received("SUCCESS", null), SUCCEEDED)
        .when(itn("SUCCESS"))
        .expectResultMessagePayload(true)
        .expectEvents(received("SUCCESS", null));
  }

  @Test
  void a_pending_that_comes_after_the_success_changes_nothing() {
    fixture.given(STARTED, received("SUCCESS", null), SUCCEEDED)
        .when(itn("PENDING"))
        .expectEvents(received("PENDING", null));
  }

  @Test
  void a_failure_closes_an_open_payment_without_money_and_a_paid_one_stays_paid() {
    fixture.given(STARTED)
        .when(itn("FAILURE"))
        .expectEvents(received("FAILURE", null), new PaymentFailed("o-1", "sm-prudnik", "ACCEPTED", NOW));
    fixture.given(STARTED, received("SUCCESS", null), SUCCEEDED)
        .when(itn("FAILURE"))
        .expectEvents(received("FAILURE", null));
  }

  @Test
  void money_that_arrives_after_expiry_or_failure_is_still_booked() {
    fixture.given(STARTED, new PaymentExpired("o-1", "sm-prudnik", NOW))
        .when(itn("SUCCESS"))
        .expectEvents(received("SUCCESS", null), SUCCEEDED);
    fixture.given(STARTED, new PaymentFailed("o-1", "sm-prudnik", "REJECTED", NOW))
        .when(itn("SUCCESS"))
        .expectEvents(received("SUCCESS", null), SUCCEEDED);
  }

  @Test
  void a_forged_foreign_or_different_notification_is_recorded_refused_and_pays_nothing() {
    fixture.given(STARTED)
        .when(new Payment.Notify("o-1", "R-1", "SUCCESS", "ACCEPTED", "512.34", "PLN", "106", "20261120110203", false, true))
        .expectResultMessagePayload(false)
        .expectEvents(received("SUCCESS", "forged_hash"));
    fixture.given(STARTED)
        .when(new Payment.Notify("o-1", "R-1", "SUCCESS", "ACCEPTED", "512.34", "PLN", "106", "20261120110203", true, false))
        .expectEvents(received("SUCCESS", "other_service"));
    fixture.given(STARTED)
        .when(new Payment.Notify("o-1", "R-1", "SUCCESS", "ACCEPTED", "5.12", "PLN", "106", "20261120110203", true, true))
        .expectEvents(new NotificationReceived("o-1", "sm-prudnik", "R-1", "SUCCESS", "ACCEPTED", "5.12", "PLN", "106",
            "20261120110203", false, "amount_mismatch", NOW));
    fixture.given(STARTED)
        .when(new Payment.Notify("o-1", "R-1", "SUCCESS", "ACCEPTED", "512.34", "EUR", "106", "20261120110203", true, true))
        .expectEvents(new NotificationReceived("o-1", "sm-prudnik", "R-1", "SUCCESS", "ACCEPTED", "512.34", "EUR", "106",
            "20261120110203", false, "currency_mismatch", NOW));
  }

  @Test
  void a_second_transaction_for_a_paid_order_is_not_taken_silently() {
    fixture.given(STARTED, received("SUCCESS", null), SUCCEEDED)
        .when(new Payment.Notify("o-1", "R-2", "SUCCESS", "ACCEPTED", "512.34", "PLN", "106", "20261120110203", true, true))
        .expectResultMessagePayload(false)
        .expectEvents(new NotificationReceived("o-1", "sm-prudnik", "R-2", "SUCCESS", "ACCEPTED", "512.34", "PLN", "106",
            "20261120110203", false, "second_transaction", NOW));
  }

  @Test
  void an_open_payment_expires_when_its_validity_ends_and_a_closed_one_does_not() {
    Payment.Start start = new Payment.Start("o-1", "sm-prudnik", "anna", "W-1", "WT-1", AMOUNT, PaymentLimit.DEFAULT,
        "100001", VALIDITY);
    fixture.givenCommands(start)
        .whenTimeElapses(VALIDITY.plusSeconds(1))
        .expectDeadlinesMet(new Payment.ValidityEnded("o-1"))
        .expectEvents(new PaymentExpired("o-1", "sm-prudnik", NOW));
    fixture.givenCommands(start, itn("SUCCESS"))
        .whenTimeElapses(VALIDITY.plusSeconds(1))
        .expectNoEvents();
  }
}
