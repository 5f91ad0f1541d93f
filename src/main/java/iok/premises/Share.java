package iok.premises;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exact non-negative fraction, as the books write a share in the common property ("4523/100000") or a
 * co-owner's part of one premises ("1/2"). Kept as a reduced numerator and denominator of any size, so
 * sums of many shares stay exact: no share is ever a double. Its text form is the reduced fraction, or
 * the whole number when the denominator is 1.
 */
public record Share(BigInteger numerator, BigInteger denominator) implements Comparable<Share> {

  public static final Share ZERO = new Share(BigInteger.ZERO, BigInteger.ONE);
  public static final Share ONE = new Share(BigInteger.ONE, BigInteger.ONE);
  /** What the books may send: at most 18 digits a side. */
  private static final Pattern TEXT = Pattern.compile("(0|[1-9][0-9]{0,17})(?:/([1-9][0-9]{0,17}))?");
  /** What IOK wrote itself: weights are shares times parts and totals are sums, so any length. */
  private static final Pattern STORED = Pattern.compile("(0|[1-9][0-9]*)(?:/([1-9][0-9]*))?");

  public Share {
    if (denominator.signum() <= 0 || numerator.signum() < 0) throw new IllegalArgumentException("not a share");
    BigInteger gcd = numerator.gcd(denominator);
    if (gcd.signum() > 0 && !gcd.equals(BigInteger.ONE)) {
      numerator = numerator.divide(gcd);
      denominator = denominator.divide(gcd);
    }
    if (numerator.signum() == 0) denominator = BigInteger.ONE;
  }

  /** A share the books may send: "n/d" or a whole "n", of at most 18 digits each; empty when it is not one. */
  public static Optional<Share> parse(String text) {
    return text == null ? Optional.empty() : read(TEXT, text.strip());
  }

  /** The share a stored text names; for texts IOK itself wrote, which may be longer than any the books send. */
  public static Share of(String text) {
    return (text == null ? Optional.<Share>empty() : read(STORED, text))
        .orElseThrow(() -> new IllegalArgumentException("not a share: " + text));
  }

  private static Optional<Share> read(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    if (!m.matches()) return Optional.empty();
    return Optional.of(new Share(new BigInteger(m.group(1)), m.group(2) == null ? BigInteger.ONE : new BigInteger(m.group(2))));
  }

  public static Share whole(long n) {
    return new Share(BigInteger.valueOf(n), BigInteger.ONE);
  }

  public Share plus(Share other) {
    return new Share(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
        denominator.multiply(other.denominator));
  }

  public Share times(Share other) {
    return new Share(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
  }

  public Share half() {
    return new Share(numerator, denominator.shiftLeft(1));
  }

  /** At most one: a part of one whole. */
  public boolean atMostOne() {
    return numerator.compareTo(denominator) <= 0;
  }

  public boolean isZero() {
    return numerator.signum() == 0;
  }

  @Override
  public int compareTo(Share other) {
    return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
  }

  /** A rounded decimal for display only (never for deciding): {@code places} digits after the point. */
  public String decimal(int places) {
    return new java.math.BigDecimal(numerator).divide(new java.math.BigDecimal(denominator), places,
        java.math.RoundingMode.HALF_UP).toPlainString();
  }

  @Override
  public String toString() {
    return denominator.equals(BigInteger.ONE) ? numerator.toString() : numerator + "/" + denominator;
  }
}
