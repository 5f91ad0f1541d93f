package iok.platform.domain;

import java.util.Map;

/**
 * A command or query refused for a reason the caller can act on. Domain code throws it with a
 * stable code; the HTTP layer turns the kind into a status. No stack trace: it is an answer, not a fault.
 */
public final class Refusal extends RuntimeException {

  public enum Kind { INVALID, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, RULE_VIOLATED, LOCKED, NOT_READY }

  private final Kind kind;
  private final String code;
  private final Map<String, Object> details;

  public Refusal(Kind kind, String code, String message, Map<String, Object> details) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
    this.details = details == null ? Map.of() : Map.copyOf(details);
  }

  public Refusal(Kind kind, String code, String message) {
    this(kind, code, message, Map.of());
  }

  public static Refusal notFound(String what) {
    return new Refusal(Kind.NOT_FOUND, "not_found", what + " not found");
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public Map<String, Object> details() {
    return details;
  }
}
