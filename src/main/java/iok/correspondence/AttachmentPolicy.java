package iok.correspondence;

import iok.platform.domain.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * What a letter may carry: at most three PDF files of at most 5 MiB each. A file is a PDF when it
 * begins with {@code %PDF-}; the name and the type a browser claims are not trusted.
 */
public final class AttachmentPolicy {

  public static final int MAX_FILES = 3;
  public static final long MAX_BYTES = 5L * 1024 * 1024;
  private static final byte[] MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

  public enum Problem { TOO_MANY, TOO_LARGE, NOT_PDF }

  private AttachmentPolicy() {}

  public static Optional<Problem> count(int files) {
    return files > MAX_FILES ? Optional.of(Problem.TOO_MANY) : Optional.empty();
  }

  /** What is wrong with one file of {@code size} bytes that begins with {@code head}, if anything. */
  public static Optional<Problem> file(long size, byte[] head) {
    if (size > MAX_BYTES) return Optional.of(Problem.TOO_LARGE);
    if (head.length < MAGIC.length || !Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      return Optional.of(Problem.NOT_PDF);
    }
    return Optional.empty();
  }

  public static String explain(Problem problem) {
    return switch (problem) {
      case TOO_MANY -> "A letter carries at most " + MAX_FILES + " attachments";
      case TOO_LARGE -> "An attachment may have at most " + MAX_BYTES / (1024 * 1024) + " MiB";
      case NOT_PDF -> "Only PDF files are attached to letters";
    };
  }

  public static String code(Problem problem) {
    return switch (problem) {
      case TOO_MANY -> "too_many_attachments";
      case TOO_LARGE -> "attachment_too_large";
      case NOT_PDF -> "attachment_not_pdf";
    };
  }

  static Refusal refusal(Problem problem, String name) {
    return new Refusal(Refusal.Kind.RULE_VIOLATED, code(problem), explain(problem),
        name == null ? Map.of() : Map.of("name", name));
  }
}
