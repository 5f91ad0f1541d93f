package iok.platform.http;

import java.util.Map;

/** An answer in API.md's error format, raised by the HTTP layer itself (malformed input, missing session). */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String code;
  private final Object details;

  public ApiError(int status, String code, String message, Object details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  public ApiError(int status, String code, String message) {
    this(status, code, message, null);
  }

  public static ApiError badRequest(String code, String message, Map<String, ?> details) {
    return new ApiError(400, code, message, details);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Object details() {
    return details;
  }
}
