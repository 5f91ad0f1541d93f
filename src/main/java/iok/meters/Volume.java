package iok.meters;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Water in cubic metres, exact to the litre, as a water meter's drums show it. In JSON a string with
 * three decimals, "123.456", like money is a string (API.md): a reading is never a binary fraction.
 */
public record Volume(BigDecimal cubicMetres) implements Comparable<Volume> {

  public static final Volume ZERO = new Volume(BigDecimal.ZERO);
  private static final Pattern TEXT = Pattern.compile("(0|[1-9][0-9]{0,8})(\\.[0-9]{1,3})?");

  public Volume {
    if (cubicMetres.signum() < 0) throw new IllegalArgumentException("a meter shows no negative volume");
    cubicMetres = cubicMetres.setScale(3, RoundingMode.UNNECESSARY);
  }

  @JsonCreator
  public static Volume parse(String text) {
    if (text == null || !TEXT.matcher(text).matches()) {
      throw new IllegalArgumentException("a volume is written like 123.456 (cubic metres, up to three decimals)");
    }
    return new Volume(new BigDecimal(text));
  }

  public Volume minus(Volume other) {
    return new Volume(cubicMetres.subtract(other.cubicMetres));
  }

  @Override
  public int compareTo(Volume other) {
    return cubicMetres.compareTo(other.cubicMetres);
  }

  public boolean isBelow(Volume other) {
    return compareTo(other) < 0;
  }

  @JsonValue
  @Override
  public String toString() {
    return cubicMetres.toPlainString();
  }
}
