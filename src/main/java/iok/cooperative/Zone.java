package iok.cooperative;

import java.util.Locale;

/**
 * The parts of the portal a cooperative can enable (P III.6, O III.2). Cooperative premises and
 * housing-community premises are separate zones (O III.2).
 */
public enum Zone {
  FINANCE, COMMUNITY_FINANCE, PREMISES, METERS, ANNOUNCEMENTS, COMMUNITY_ANNOUNCEMENTS, FAULTS, CORRESPONDENCE,
  MEMBERSHIP, LOANS, PAYMENTS;

  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The zone a code such as {@code community-finance} names, if any. */
  public static java.util.Optional<Zone> fromCode(String code) {
    return java.util.Arrays.stream(values()).filter(z -> z.code().equals(code)).findFirst();
  }
}
