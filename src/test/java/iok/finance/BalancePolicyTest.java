package iok.finance;

import static org.assertj.core.api.Assertions.assertThat;

import iok.finance.BalancePolicy.Entry;
import iok.finance.BalancePolicy.Entry.Kind;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Balances as a resident sees them, case by case: a table of ledgers and what they show on a day. */
class BalancePolicyTest {

  static Entry charge(String month, String due, String amount) {
    return new Entry(Kind.CHARGE, YearMonth.parse(month), LocalDate.parse(due), Money.parse(amount));
  }

  static Entry payment(String date, String amount) {
    return new Entry(Kind.PAYMENT, YearMonth.from(LocalDate.parse(date)), LocalDate.parse(date), Money.parse(amount).negate());
  }

  static Entry correction(String date, String amount) {
    return new Entry(Kind.CORRECTION, YearMonth.from(LocalDate.parse(date)), LocalDate.parse(date), Money.parse(amount));
  }

  static Entry interest(String date, String amount) {
    return new Entry(Kind.INTEREST, YearMonth.from(LocalDate.parse(date)), LocalDate.parse(date), Money.parse(amount));
  }

  static Stream<Arguments> ledgers() {
    return Stream.of(
        // name, today, entries, dueNow, notYetDue, overpayment, balance
        Arguments.of("nothing booked", "2026-11-05", List.of(), "0.00", "0.00", "0.00", "0.00"),
        Arguments.of("this month's charge counts before it falls due", "2026-11-05",
            List.of(charge("2026-11", "2026-11-10", "450.20")), "0.00", "450.20", "0.00", "450.20"),
        Arguments.of("on the due day it is due", "2026-11-10",
            List.of(charge("2026-11", "2026-11-10", "450.20")), "450.20", "0.00", "0.00", "450.20"),
        Arguments.of("next month's charge does not count yet", "2026-11-30",
            List.of(charge("2026-12", "2026-12-10", "450.20")), "0.00", "0.00", "0.00", "0.00"),
        Arguments.of("on the first of the month the new charge appears", "2026-12-01",
            List.of(charge("2026-12", "2026-12-10", "450.20")), "0.00", "450.20", "0.00", "450.20"),
        Arguments.of("a partial payment leaves the rest due", "2026-11-20",
            List.of(charge("2026-11", "2026-11-10", "450.20"), payment("2026-11-12", "300.00")),
            "150.20", "0.00", "0.00", "150.20"),
        Arguments.of("an early payment covers what is not yet due", "2026-11-05",
            List.of(charge("2026-11", "2026-11-10", "450.20"), payment("2026-11-03", "450.20")),
            "0.00", "0.00", "0.00", "0.00"),
        Arguments.of("a payment beyond everything is an overpayment", "2026-11-05",
            List.of(charge("2026-11", "2026-11-10", "450.20"), payment("2026-11-03", "500.00")),
            "0.00", "0.00", "49.80", "-49.80"),
        Arguments.of("a payment dated tomorrow does not count yet", "2026-11-20",
            List.of(charge("2026-11", "2026-11-10", "100.00"), payment("2026-11-21", "100.00")),
            "100.00", "0.00", "0.00", "100.00"),
        Arguments.of("arrears and this month's charge are shown apart", "2026-11-05",
            List.of(charge("2026-10", "2026-10-10", "400.00"), payment("2026-10-15", "350.00"),
                charge("2026-11", "2026-11-10", "400.00")), "50.00", "400.00", "0.00", "450.00"),
        Arguments.of("a correction in the resident's favour lowers what is due", "2026-11-20",
            List.of(charge("2026-11", "2026-11-10", "400.00"), correction("2026-11-15", "-120.55")),
            "279.45", "0.00", "0.00", "279.45"),
        Arguments.of("a correction against the resident raises it", "2026-11-20",
            List.of(charge("2026-11", "2026-11-10", "400.00"), correction("2026-11-15", "35.10")),
            "435.10", "0.00", "0.00", "435.10"),
        Arguments.of("interest on arrears is due", "2026-11-20",
            List.of(charge("2026-10", "2026-10-10", "400.00"), interest("2026-11-01", "3.27")),
            "403.27", "0.00", "0.00", "403.27"),
        Arguments.of("grosze add up exactly, without floating point", "2026-11-20",
            List.of(charge("2026-11", "2026-11-10", "0.10"), charge("2026-11", "2026-11-10", "0.20"),
                payment("2026-11-11", "0.30")), "0.00", "0.00", "0.00", "0.00"),
        Arguments.of("the last day of the month still shows this month's charge", "2026-11-30",
            List.of(charge("2026-11", "2026-12-10", "410.00")), "0.00", "410.00", "0.00", "410.00"),
        Arguments.of("a february charge due on the 28th is due on the 28th", "2027-02-28",
            List.of(charge("2027-02", "2027-02-28", "99.99")), "99.99", "0.00", "0.00", "99.99"),
        Arguments.of("a surplus covers part of what is not yet due", "2026-11-05",
            List.of(charge("2026-10", "2026-10-10", "100.00"), payment("2026-10-09", "250.00"),
                charge("2026-11", "2026-11-10", "400.00")), "0.00", "250.00", "0.00", "250.00"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ledgers")
  void the_balance_as_of_a_day(String name, String today, List<Entry> entries, String dueNow, String notYetDue,
                               String overpayment, String balance) {
    BalancePolicy.Balance b = BalancePolicy.asOf(LocalDate.parse(today), new ArrayList<>(entries));
    assertThat(b.dueNow()).hasToString(dueNow);
    assertThat(b.notYetDue()).hasToString(notYetDue);
    assertThat(b.overpayment()).hasToString(overpayment);
    assertThat(b.balance()).hasToString(balance);
  }
}
