package iok.meters;

import java.util.Locale;

/**
 * Where a reading stands with the administrator. A resident's reading waits for review, flagged when
 * its consumption jumps; readings the administration itself recorded (at installation and removal)
 * are accepted from the start.
 */
public enum ReadingStatus {
  SUBMITTED, FLAGGED, ACCEPTED, CORRECTED;

  public boolean awaitsReview() {
    return this == SUBMITTED || this == FLAGGED;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ReadingStatus of(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
