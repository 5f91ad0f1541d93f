package iok.meters;

import java.util.Locale;

/** Which water a meter counts. */
public enum MeterKind {
  COLD, HOT;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static MeterKind of(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
