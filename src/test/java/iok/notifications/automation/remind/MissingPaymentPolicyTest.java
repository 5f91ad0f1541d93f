package iok.notifications.automation.remind;

import static org.assertj.core.api.Assertions.assertThat;

import iok.finance.BalancePolicy.Entry;
import iok.finance.BalancePolicy.Entry.Kind;
import iok.finance.Money;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class MissingPaymentPolicyTest {

  static final LocalDate TODAY = LocalDate.of(2026, 11, 21);
  static final int GRACE = 14;

  static Entry charge(LocalDate due, String amount) {
    return new Entry(Kind.CHARGE, YearMonth.from(due), due, Money.parse(amount));
  }

  static Entry payment(LocalDate on, String amount) {
    return new Entry(Kind.PAYMENT, YearMonth.from(on), on, Money.parse(amount).negate());
  }

  @Test
  void a_charge_unpaid_for_more_than_two_weeks_is_missing_and_the_notice_names_what_is_owed_today() {
    List<Entry> ledger = List.of(charge(TODAY.minusDays(30), "300.00"), charge(TODAY.minusDays(3), "100.00"),
        payment(TODAY.minusDays(10), "120.00"));
    assertThat(MissingPaymentPolicy.missing(TODAY, GRACE, ledger)).contains(Money.parse("280.00"));
  }

  @Test
  void a_charge_that_fell_due_within_the_grace_days_may_still_be_on_its_way_from_the_bank() {
    assertThat(MissingPaymentPolicy.missing(TODAY, GRACE, List.of(charge(TODAY.minusDays(GRACE - 1),
        "300.00")))).isEmpty();
    assertThat(MissingPaymentPolicy.missing(TODAY, GRACE, List.of(charge(TODAY.minusDays(GRACE),
        "300.00")))).contains(Money.parse("300.00"));
  }

  @Test
  void nothing_is_missing_once_it_is_paid_or_when_only_this_months_charges_are_not_yet_due() {
    assertThat(MissingPaymentPolicy.missing(TODAY, GRACE, List.of(charge(TODAY.minusDays(30), "300.00"),
        payment(TODAY.minusDays(1), "300.00")))).isEmpty();
    assertThat(MissingPaymentPolicy.missing(TODAY, GRACE, List.of(charge(TODAY.plusDays(10), "300.00")))).isEmpty();
  }
}
