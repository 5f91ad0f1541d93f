package iok.payments;

import iok.finance.Money;
import iok.platform.domain.Refusal;
import java.util.Map;

/**
 * What one online payment may be (R16): more than nothing, in grosze, and at most the cooperative's
 * limit — by default {@link #DEFAULT}, which covers a year of a flat's charges and keeps a typo of
 * a few zeros from reaching the gateway.
 */
public final class PaymentLimit {

  public static final Money DEFAULT = Money.parse("10000.00");
  public static final Money CEILING = Money.parse("1000000.00");

  private PaymentLimit() {}

  public static void check(Money amount, Money limit) {
    if (!amount.isPositive()) {
      throw new Refusal(Refusal.Kind.RULE_VIOLATED, "amount_not_positive", "A payment is more than 0.00 zł");
    }
    if (amount.compareTo(limit) > 0) {
      throw new Refusal(Refusal.Kind.RULE_VIOLATED, "amount_over_limit",
          "One payment is at most " + limit + " zł in this cooperative", Map.of("limit", limit.toString()));
    }
  }
}
