package iok.cooperative;

/** Consecutive wrong logins after which an account locks until an administrator unlocks it (R4, P III.4). */
public record LockoutPolicy(int threshold) {

  public LockoutPolicy {
    if (threshold < 1) throw new IllegalArgumentException("lockout threshold must be at least 1");
  }

  public boolean locksAfter(int consecutiveFailures) {
    return consecutiveFailures >= threshold;
  }

  public int remainingAfter(int consecutiveFailures) {
    return Math.max(0, threshold - consecutiveFailures);
  }
}
