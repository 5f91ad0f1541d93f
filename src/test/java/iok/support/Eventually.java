package iok.support;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Read models and deadlines follow the events a moment later: a test asks again until what it sees
 * settles, within a bound, and then asserts on the last answer as usual.
 */
public final class Eventually {

  private static final long PAUSE_MILLIS = 50;

  private Eventually() {}

  /** The first answer that is {@code done}, or the last one when {@code within} ran out. */
  public static <T> T await(Callable<T> probe, Predicate<T> done, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    try {
      T answer = probe.call();
      while (!settled(done, answer) && System.nanoTime() < deadline) {
        Thread.sleep(PAUSE_MILLIS);
        answer = probe.call();
      }
      return answer;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", e);
    } catch (Exception e) {
      throw new AssertionError("the probe failed: " + e.getMessage(), e);
    }
  }

  /** A half-built answer (a list still shorter than the predicate expects) is not settled yet. */
  private static <T> boolean settled(Predicate<T> done, T answer) {
    try {
      return done.test(answer);
    } catch (RuntimeException notYet) {
      return false;
    }
  }
}
