package iok.finance;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * The balance a resident sees as of a day (O III.4): this month's charges count before they fall due,
 * shown apart as "not yet due"; later months' charges do not count yet; payments and corrections count
 * from their date. A surplus first covers what is not yet due; what is left is an overpayment.
 */
public final class BalancePolicy {

  private BalancePolicy() {}

  /** One entry of a ledger, as the policy needs it: what increases the debt is positive, a payment negative. */
  public record Entry(Kind kind, YearMonth month, LocalDate date, Money debt) {
    public enum Kind { CHARGE, PAYMENT, CORRECTION, INTEREST }
  }

  /**
   * @param dueNow      owed today, never negative
   * @param notYetDue   this month's charges not yet due, less any surplus, never negative
   * @param overpayment paid beyond everything counted, never negative
   * @param balance     dueNow + notYetDue - overpayment: positive means the resident owes
   */
  public record Balance(Money dueNow, Money notYetDue, Money overpayment, Money balance) {}

  public static Balance asOf(LocalDate today, List<Entry> entries) {
    YearMonth thisMonth = YearMonth.from(today);
    Money due = Money.ZERO;
    Money pending = Money.ZERO;
    for (Entry e : entries) {
      if (e.kind() == Entry.Kind.CHARGE) {
        if (e.month().isAfter(thisMonth)) continue;
        if (e.date().isAfter(today)) pending = pending.plus(e.debt());
        else due = due.plus(e.debt());
      } else if (!e.date().isAfter(today)) {
        due = due.plus(e.debt());
      }
    }
    Money balance = due.plus(pending);
    Money dueNow = due.max(Money.ZERO);
    Money notYetDue = pending.plus(due.min(Money.ZERO)).max(Money.ZERO);
    Money overpayment = balance.negate().max(Money.ZERO);
    return new Balance(dueNow, notYetDue, overpayment, balance);
  }
}
