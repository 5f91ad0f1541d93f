package iok.account.write.session;

/**
 * Keeps the answer to a login that names nobody as slow as one that names a real account. Both hash
 * the password once; a real one also appends its event, so the unknown one waits out the difference,
 * taken as a moving average of how long real attempts have been taking on this node.
 */
final class LoginTiming {

  private static final double WEIGHT = 0.1;
  // the first attempts after a start run cold (class loading, JIT) and would skew the average for long
  private static final int WARM_UP = 5;
  private int samples;
  private double averageNanos;

  synchronized void realAttemptTook(long nanos) {
    samples++;
    if (samples <= WARM_UP) return;
    averageNanos = averageNanos == 0 ? nanos : averageNanos + WEIGHT * (nanos - averageNanos);
  }

  /** How much longer an unknown-login answer should wait, having taken {@code elapsedNanos} so far. */
  synchronized long paddingMillis(long elapsedNanos) {
    return Math.max(0, Math.round((averageNanos - elapsedNanos) / 1_000_000.0));
  }
}
