package iok.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import iok.platform.domain.Refusal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A photo is known by its first bytes, not by its name; five to a fault, 5 MiB each. */
class PhotoPolicyTest {

  @Test
  void jpeg_png_and_webp_are_recognised_by_their_first_bytes() {
    assertThat(PhotoPolicy.mediaType(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0})).contains("image/jpeg");
    assertThat(PhotoPolicy.mediaType(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0})).contains("image/png");
    assertThat(PhotoPolicy.mediaType("RIFF\u0010\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1))).contains("image/webp");
  }

  @Test
  void text_a_gif_a_riff_that_is_no_webp_and_a_truncated_header_are_not_photos() {
    assertThat(PhotoPolicy.mediaType("to nie jest zdjęcie".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(PhotoPolicy.mediaType("GIF89a".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(PhotoPolicy.mediaType("RIFF\0\0\0\0WAVE".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(PhotoPolicy.mediaType(new byte[] {(byte) 0xFF, (byte) 0xD8})).isEmpty();
  }

  @Test
  void five_mebibytes_is_the_most_and_five_photos_to_a_fault() {
    assertThat(PhotoPolicy.tooLarge(5L * 1024 * 1024)).isFalse();
    assertThat(PhotoPolicy.tooLarge(5L * 1024 * 1024 + 1)).isTrue();
    PhotoPolicy.checkCount(3, 2);
    assertThatThrownBy(() -> PhotoPolicy.checkCount(3, 3)).isInstanceOf(Refusal.class).hasMessageContaining("at most 5");
  }
}
