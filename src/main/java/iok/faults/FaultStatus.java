package iok.faults;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a fault stands, and the named policy of how it may move (P III.6e, h): the administrator takes
 * it from reported to accepted, in progress and resolved, or rejects it; the resident may reopen a
 * resolved one, which makes it reported again.
 */
public enum FaultStatus {
  REPORTED, ACCEPTED, IN_PROGRESS, RESOLVED, REJECTED;

  private static final Map<FaultStatus, Set<FaultStatus>> BY_ADMINISTRATOR = Map.of(
      REPORTED, EnumSet.of(ACCEPTED, REJECTED),
      ACCEPTED, EnumSet.of(IN_PROGRESS, RESOLVED, REJECTED),
      IN_PROGRESS, EnumSet.of(RESOLVED, REJECTED),
      RESOLVED, EnumSet.noneOf(FaultStatus.class),
      REJECTED, EnumSet.noneOf(FaultStatus.class));

  public boolean administratorMayMoveTo(FaultStatus next) {
    return BY_ADMINISTRATOR.get(this).contains(next);
  }

  public Set<FaultStatus> administratorMoves() {
    return BY_ADMINISTRATOR.get(this);
  }

  public boolean residentMayReopen() {
    return this == RESOLVED;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static FaultStatus of(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
