package iok.platform.http;

import java.util.Map;
import java.util.regex.Pattern;

/** Checks for the values of request records; each failure is a 400 naming the field. */
public final class Fields {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()-]{6,20}");

  private Fields() {}

  public static String required(String value, String field) {
    if (value == null) throw ApiError.badRequest("missing_field", "Field '" + field + "' is required", Map.of("field", field));
    return value;
  }

  /** Required human text: trimmed, 1..max characters, no control characters. */
  public static String text(String value, String field, int max) {
    String trimmed = required(value, field).strip();
    if (trimmed.isEmpty()) throw invalid(field, "must not be empty");
    if (trimmed.length() > max) throw invalid(field, "must be at most " + max + " characters");
    if (trimmed.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
      throw invalid(field, "must not contain control characters");
    }
    return trimmed;
  }

  public static String optionalText(String value, String field, int max) {
    return value == null || value.isBlank() ? null : text(value, field, max);
  }

  public static String optionalEmail(String value, String field) {
    String email = optionalText(value, field, 254);
    if (email != null && !EMAIL.matcher(email).matches()) throw invalid(field, "is not an e-mail address");
    return email;
  }

  public static String optionalPhone(String value, String field) {
    String phone = optionalText(value, field, 20);
    if (phone != null && !PHONE.matcher(phone).matches()) throw invalid(field, "is not a phone number");
    return phone;
  }

  /** A password as typed: required and bounded, but its rules are the cooperative's, checked later (422). */
  public static String secret(String value, String field) {
    required(value, field);
    if (value.length() > 1024) throw invalid(field, "is too long");
    return value;
  }

  public static ApiError invalid(String field, String problem) {
    return ApiError.badRequest("invalid_field", "Field '" + field + "' " + problem, Map.of("field", field));
  }
}
