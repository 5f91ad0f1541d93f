package iok.faults;

import iok.platform.domain.Refusal;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * What a fault's photo may be (R12, "size- and type-checked"): a JPEG, PNG or WebP picture, known by its
 * first bytes and never by its name or the type the browser claims, of at most 5 MiB, and at most five
 * to a fault. The bytes are kept as sent: nothing is re-encoded.
 */
public final class PhotoPolicy {

  public static final int MAX_PHOTOS = 5;
  public static final long MAX_BYTES = 5L * 1024 * 1024;

  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final byte[] RIFF = {'R', 'I', 'F', 'F'};
  private static final byte[] WEBP = {'W', 'E', 'B', 'P'};

  private PhotoPolicy() {}

  /** The media type the bytes are, when they are a picture we take. */
  public static Optional<String> mediaType(byte[] bytes) {
    if (startsWith(bytes, 0, JPEG)) return Optional.of("image/jpeg");
    if (startsWith(bytes, 0, PNG)) return Optional.of("image/png");
    if (startsWith(bytes, 0, RIFF) && startsWith(bytes, 8, WEBP)) return Optional.of("image/webp");
    return Optional.empty();
  }

  public static boolean tooLarge(long size) {
    return size > MAX_BYTES;
  }

  /** Refuses adding {@code adding} photos to a fault that has {@code attached}. */
  public static void checkCount(int attached, int adding) {
    if (attached + adding > MAX_PHOTOS) {
      throw new Refusal(Refusal.Kind.RULE_VIOLATED, "too_many_photos",
          "A fault has at most " + MAX_PHOTOS + " photos", Map.of("max", MAX_PHOTOS, "attached", attached));
    }
  }

  private static boolean startsWith(byte[] bytes, int offset, byte[] magic) {
    return bytes.length >= offset + magic.length
        && Arrays.equals(bytes, offset, offset + magic.length, magic, 0, magic.length);
  }
}
