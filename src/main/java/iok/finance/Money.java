package iok.finance;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * An amount of złoty, exact to the grosz. Arithmetic never rounds: the books send two decimals and
 * IOK only adds and subtracts them. In JSON it is a string with two decimals, "123.45" (API.md).
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

  @JsonCreator
  public static Money fromJson(String text) {
    return parse(text);
  }

  @JsonValue
  public String json() {
    return toString();
  }

  public static final Money ZERO = new Money(BigDecimal.ZERO.setScale(2));
  private static final Pattern TEXT = Pattern.compile("-?(0|[1-9][0-9]{0,11})\\.[0-9]{2}");

  public Money {
    if (amount.scale() > 2 && amount.stripTrailingZeros().scale() > 2) {
      throw new IllegalArgumentException("an amount has at most two decimals: " + amount);
    }
    amount = amount.setScale(2, RoundingMode.UNNECESSARY);
  }

  /** Parses "123.45" or "-0.50"; anything else (no decimals, commas, exponents, 13+ digits) is refused. */
  public static Money parse(String text) {
    if (text == null || !TEXT.matcher(text).matches()) {
      throw new IllegalArgumentException("an amount is written like 123.45");
    }
    return new Money(new BigDecimal(text));
  }

  public static boolean isValid(String text) {
    return text != null && TEXT.matcher(text).matches();
  }

  public Money plus(Money other) {
    return new Money(amount.add(other.amount));
  }

  public Money minus(Money other) {
    return new Money(amount.subtract(other.amount));
  }

  public Money negate() {
    return new Money(amount.negate());
  }

  public boolean isNegative() {
    return amount.signum() < 0;
  }

  public boolean isPositive() {
    return amount.signum() > 0;
  }

  public Money max(Money other) {
    return compareTo(other) >= 0 ? this : other;
  }

  public Money min(Money other) {
    return compareTo(other) <= 0 ? this : other;
  }

  @Override
  public int compareTo(Money other) {
    return amount.compareTo(other.amount);
  }

  @Override
  public String toString() {
    return amount.toPlainString();
  }
}
