package iok.notifications.automation.remind;

import iok.finance.BalancePolicy;
import iok.finance.Money;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * When a payment counts as missing: something fell due at least the cooperative's grace days ago
 * ({@link iok.cooperative.ReminderTimes}) and is still owed today. A bank transfer takes days to reach the
 * books; a resident who paid on the due date must not be told they did not. The notice names what is owed today.
 */
public final class MissingPaymentPolicy {

  private MissingPaymentPolicy() {}

  public static Optional<Money> missing(LocalDate today, int graceDays, List<BalancePolicy.Entry> entries) {
    Money owedThen = BalancePolicy.asOf(today.minusDays(graceDays), entries).dueNow();
    Money owedNow = BalancePolicy.asOf(today, entries).dueNow();
    if (!owedThen.isPositive() || !owedNow.isPositive()) return Optional.empty();
    return Optional.of(owedNow);
  }
}
