package iok.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** What a client hears when a request fails inside the node: the database going away is 503, never 500. */
class FailuresTest {

  @Test
  void a_database_socket_reset_or_broken_while_a_connection_opens_is_503_unavailable() {
    // as Netty reports it when the pool opens a connection to a database that is shutting down
    for (String message : new String[] {"Connection reset by peer", "Broken pipe"}) {
      ApiError error = Failures.toApiError(new CompletionException(new IOException(message)));
      assertThat(error.status()).as(message).isEqualTo(503);
      assertThat(error.code()).isEqualTo("unavailable");
    }
  }

  @Test
  void other_input_output_failures_stay_what_they_are() {
    assertThat(Failures.toApiError(new IOException("Size exceed allowed maximum capacity")).status()).isEqualTo(413);
    assertThat(Failures.toApiError(new IOException("No space left on device")).status()).isEqualTo(500);
  }
}
