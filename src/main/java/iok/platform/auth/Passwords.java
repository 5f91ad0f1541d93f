package iok.platform.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.security.SecureRandom;

/**
 * Argon2id password hashing (OWASP's second recommended setting: 19 MiB, 2 passes, 1 lane), and the
 * initial passwords administrators hand out on paper.
 */
public final class Passwords {

  public static final int MEMORY_KIB = 19_456;
  public static final int ITERATIONS = 2;
  public static final int PARALLELISM = 1;

  // no 0/O, 1/l/I: these are read off a printed letter and typed in
  private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
  private static final String DIGITS = "23456789";

  private final Argon2Function argon2;
  private final SecureRandom random = new SecureRandom();
  private final String decoyHash;

  public Passwords() {
    this(MEMORY_KIB, ITERATIONS);
  }

  public Passwords(int memoryKib, int iterations) {
    this.argon2 = Argon2Function.getInstance(memoryKib, iterations, PARALLELISM, 32, Argon2.ID);
    this.decoyHash = hash(initialPassword());
  }

  public String hash(String password) {
    return Password.hash(password).addRandomSalt(16).with(argon2).getResult();
  }

  public boolean matches(String password, String hash) {
    return Password.check(password, hash).with(argon2);
  }

  /**
   * Spends the same work as checking a real password, so a login that names nobody answers in
   * about the time a wrong password does.
   */
  public void checkAgainstDecoy(String password) {
    matches(password, decoyHash);
  }

  /** Ten characters with an upper-case letter, a lower-case letter and a digit: passes every cooperative's policy. */
  public String initialPassword() {
    String all = UPPER + LOWER + DIGITS;
    char[] chars = new char[10];
    chars[0] = pick(UPPER);
    chars[1] = pick(LOWER);
    chars[2] = pick(DIGITS);
    for (int i = 3; i < chars.length; i++) chars[i] = pick(all);
    for (int i = chars.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      char t = chars[i];
      chars[i] = chars[j];
      chars[j] = t;
    }
    return new String(chars);
  }

  private char pick(String from) {
    return from.charAt(random.nextInt(from.length()));
  }
}
