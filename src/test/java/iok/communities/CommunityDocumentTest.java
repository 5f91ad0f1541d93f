package iok.communities;

import static iok.support.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import iok.communities.DocumentEvent.DocumentPublished;
import iok.communities.DocumentEvent.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A community document, given / when / then: published with its size and fingerprint, only as a real PDF. */
class CommunityDocumentTest {

  static final Instant NOW = Instant.parse("2027-03-01T09:00:00Z");
  static final String POLNA = "Wspólnota Mieszkaniowa Polna 5";
  static final byte[] PDF = "%PDF-1.4\n% plan gospodarczy\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

  AggregateTestFixture<CommunityDocument> fixture;
  /** The bytes kept apart from the events, as the store would keep them: cooperative/content → bytes. */
  final Map<String, byte[]> kept = new HashMap<>();

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(CommunityDocument.class);
    fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    fixture.registerInjectableResource((DocumentStore) (cooperative, content, bytes) -> kept.put(cooperative + "/" + content, bytes));
  }

  static CommunityDocument.Publish publish(byte[] bytes) {
    return new CommunityDocument.Publish("d-1", "sm-opole", POLNA, Kind.FINANCIAL_PLAN, "Plan gospodarczy 2027",
        "plan-2027.pdf", "c-1", bytes);
  }

  @Test
  void the_administrator_publishes_a_pdf_whose_event_keeps_its_size_and_sha256_and_the_store_its_bytes() {
    fixture.givenNoPriorActivity()
        .when(publish(PDF))
        .expectEvents(new DocumentPublished("d-1", "sm-opole", POLNA, Kind.FINANCIAL_PLAN, "Plan gospodarczy 2027",
            "plan-2027.pdf", "c-1", PDF.length, CommunityDocument.sha256(PDF), NOW));
    assertThat(kept).containsOnlyKeys("sm-opole/c-1");
    assertThat(kept.get("sm-opole/c-1")).isEqualTo(PDF);
    assertThat(CommunityDocument.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void a_file_that_is_not_a_pdf_is_not_published_and_nothing_is_kept() {
    fixture.givenNoPriorActivity()
        .when(publish("<html>plan</html>".getBytes(StandardCharsets.US_ASCII)))
        .expectException(refused("attachment_not_pdf"))
        .expectNoEvents();
    assertThat(kept).isEmpty();
  }

  @Test
  void a_file_over_five_mebibytes_is_not_published() {
    byte[] big = new byte[5 * 1024 * 1024 + 1];
    System.arraycopy(PDF, 0, big, 0, PDF.length);
    fixture.givenNoPriorActivity()
        .when(publish(big))
        .expectException(refused("attachment_too_large"));
    assertThat(kept).isEmpty();
  }
}
