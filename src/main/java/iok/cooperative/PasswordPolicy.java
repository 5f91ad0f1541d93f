package iok.cooperative;

import java.util.ArrayList;
import java.util.List;

/**
 * A cooperative's rule for residents' passwords (R3): Prudnik 6–20 ASCII letters and digits with a
 * digit and an upper-case letter (P II.5); Opole at least 6 characters with a digit (O II.7).
 * {@code maxLength} also bounds the work a hash costs, so every policy has one.
 */
public record PasswordPolicy(int minLength, int maxLength, boolean requireDigit, boolean requireUpperCase,
                             boolean asciiLettersAndDigitsOnly) {

  public static final PasswordPolicy PRUDNIK = new PasswordPolicy(6, 20, true, true, true);
  public static final PasswordPolicy OPOLE = new PasswordPolicy(6, 128, true, false, false);

  public PasswordPolicy {
    if (minLength < 1 || maxLength < minLength) throw new IllegalArgumentException("password lengths out of order");
  }

  /** Every rule the candidate breaks, by stable code; empty when it passes. */
  public List<String> violations(String candidate) {
    List<String> violations = new ArrayList<>();
    int length = candidate.codePointCount(0, candidate.length());
    if (length < minLength) violations.add("too_short");
    if (length > maxLength) violations.add("too_long");
    if (requireDigit && candidate.chars().noneMatch(c -> c >= '0' && c <= '9')) violations.add("digit_required");
    if (requireUpperCase && candidate.codePoints().noneMatch(Character::isUpperCase)) violations.add("upper_case_required");
    if (asciiLettersAndDigitsOnly && !candidate.chars().allMatch(PasswordPolicy::asciiLetterOrDigit)) {
      violations.add("letters_and_digits_only");
    }
    if (candidate.codePoints().anyMatch(Character::isISOControl)) violations.add("control_characters");
    return violations;
  }

  private static boolean asciiLetterOrDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
