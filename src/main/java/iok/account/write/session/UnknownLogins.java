package iok.account.write.session;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts wrong attempts on logins that do not exist, so they count down "remaining attempts" just as a
 * real account does and the answer does not tell a real login from an invented one. Bounded; per node.
 */
final class UnknownLogins {

  static final int DEFAULT_THRESHOLD = 3;
  private static final int CAPACITY = 10_000;

  private final Map<String, Integer> failures = new LinkedHashMap<>(256, 0.75f, true) {
    @Override protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
      return size() > CAPACITY;
    }
  };

  synchronized int failed(String cooperative, String login, int threshold) {
    int count = failures.merge(cooperative + "\u0000" + login, 1, Integer::sum);
    return Math.max(0, threshold - count);
  }
}
