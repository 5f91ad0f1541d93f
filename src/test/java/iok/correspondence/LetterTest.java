package iok.correspondence;

import static org.assertj.core.api.Assertions.assertThat;

import iok.correspondence.CorrespondenceEvent.About;
import iok.correspondence.CorrespondenceEvent.AttachedFile;
import iok.correspondence.CorrespondenceEvent.LetterOpened;
import iok.correspondence.CorrespondenceEvent.LetterSent;
import iok.correspondence.CorrespondenceEvent.MessageWritten;
import iok.correspondence.CorrespondenceEvent.RepliesRead;
import iok.correspondence.CorrespondenceEvent.ReplyWritten;
import iok.platform.domain.Refusal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A correspondence thread, given / when / then. */
class LetterTest {

  static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
  static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
  static final String PDF_SHA256 = java.util.HexFormat.of().formatHex(sha256(PDF));
  static final LetterSent SENT = new LetterSent("t-1", "sm-prudnik", "anna", "Zawiadomienie", "Treść",
      List.of(new AttachedFile(1, "c-1", "pismo.pdf", PDF.length, PDF_SHA256)), NOW);
  static final MessageWritten WRITTEN = new MessageWritten("t-2", "sm-prudnik", "anna", "Pytanie", "Treść", null, NOW);

  AggregateTestFixture<Letter> fixture;
  /** The kept bytes by content id: what the sending command left beside its events. */
  final Map<String, byte[]> kept = new HashMap<>();

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Letter.class);
    fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    fixture.registerInjectableResource((AttachmentStore) (cooperative, contentId, bytes) -> kept.put(contentId, bytes));
  }

  static Letter.Send send(Letter.Upload... uploads) {
    return new Letter.Send("t-1", "sm-prudnik", "anna", "Zawiadomienie", "Treść", List.of(uploads));
  }

  @Test
  void an_administrator_sends_a_letter_whose_event_names_the_pdf_but_does_not_hold_it() {
    fixture.givenNoPriorActivity()
        .when(send(new Letter.Upload("c-1", "pismo.pdf", PDF)))
        .expectEvents(SENT);
    assertThat(kept).containsOnlyKeys("c-1");
    assertThat(kept.get("c-1")).isEqualTo(PDF);
  }

  @Test
  void a_letter_with_a_file_that_is_not_a_pdf_is_refused_and_nothing_is_kept() {
    fixture.givenNoPriorActivity()
        .when(send(new Letter.Upload("c-1", "pismo.pdf", "<html>not a pdf</html>".getBytes(StandardCharsets.UTF_8))))
        .expectNoEvents()
        .expectException(Refusal.class)
        .expectExceptionMessage("Only PDF files are attached to letters");
    assertThat(kept).isEmpty();
  }

  @Test
  void a_letter_with_a_file_over_five_mebibytes_is_refused() {
    byte[] big = new byte[(int) AttachmentPolicy.MAX_BYTES + 1];
    System.arraycopy(PDF, 0, big, 0, PDF.length);
    fixture.givenNoPriorActivity()
        .when(send(new Letter.Upload("c-1", "duze.pdf", big)))
        .expectNoEvents()
        .expectException(Refusal.class);
  }

  @Test
  void a_letter_with_more_than_three_files_is_refused() {
    Letter.Upload pdf = new Letter.Upload("c", "a.pdf", PDF);
    fixture.givenNoPriorActivity()
        .when(send(pdf, pdf, pdf, pdf))
        .expectNoEvents()
        .expectException(Refusal.class);
  }

  @Test
  void the_addressee_opening_a_letter_records_the_first_opening() {
    fixture.given(SENT)
        .when(new Letter.Open("t-1", "sm-prudnik", "anna", "resident"))
        .expectEvents(new LetterOpened("t-1", "anna", NOW))
        .expectResultMessagePayload(1L);
  }

  @Test
  void opening_a_letter_again_records_nothing_more() {
    fixture.given(SENT, new LetterOpened("t-1", "anna", NOW))
        .when(new Letter.Open("t-1", "sm-prudnik", "anna", "resident"))
        .expectNoEvents();
  }

  @Test
  void an_administrator_reading_a_letter_does_not_make_it_opened() {
    fixture.given(SENT)
        .when(new Letter.Open("t-1", "sm-prudnik", "admin-1", "admin"))
        .expectNoEvents();
  }

  @Test
  void another_resident_or_another_cooperative_does_not_find_the_letter() {
    fixture.given(SENT)
        .when(new Letter.Open("t-1", "sm-prudnik", "jan", "resident"))
        .expectNoEvents()
        .expectException(Refusal.class)
        .expectExceptionMessage("Correspondence not found");
    fixture.given(SENT)
        .when(new Letter.Open("t-1", "sm-opole", "admin-2", "admin"))
        .expectException(Refusal.class)
        .expectExceptionMessage("Correspondence not found");
  }

  @Test
  void a_reply_from_the_cooperative_is_marked_read_when_the_resident_opens_the_thread_again() {
    fixture.given(SENT, new LetterOpened("t-1", "anna", NOW), new ReplyWritten("t-1", "admin-1", "admin", "Uzupełnienie", NOW, "anna"))
        .when(new Letter.Open("t-1", "sm-prudnik", "anna", "resident"))
        .expectEvents(new RepliesRead("t-1", "anna", NOW));
  }

  @Test
  void a_resident_writes_a_message_to_the_cooperative() {
    fixture.givenNoPriorActivity()
        .when(new Letter.Write("t-2", "sm-prudnik", "anna", "Pytanie", "Treść", null))
        .expectEvents(WRITTEN);
  }

  @Test
  void a_resident_reports_that_information_in_a_zone_is_wrong() {
    About about = new About("finance", "P-1");
    fixture.givenNoPriorActivity()
        .when(new Letter.Write("t-2", "sm-prudnik", "anna", "Błędne saldo", "Saldo się nie zgadza", about))
        .expectEvents(new MessageWritten("t-2", "sm-prudnik", "anna", "Błędne saldo", "Saldo się nie zgadza", about, NOW));
  }

  @Test
  void the_resident_opening_their_own_message_records_nothing() {
    fixture.given(WRITTEN)
        .when(new Letter.Open("t-2", "sm-prudnik", "anna", "resident"))
        .expectNoEvents();
  }

  @Test
  void the_administrator_replies_to_a_residents_message() {
    fixture.given(WRITTEN)
        .when(new Letter.Reply("t-2", "sm-prudnik", "admin-1", "admin", "Odpowiedź"))
        .expectEvents(new ReplyWritten("t-2", "admin-1", "admin", "Odpowiedź", NOW, "anna"))
        .expectResultMessagePayload(1L);
  }

  @Test
  void the_resident_replies_to_a_letter() {
    fixture.given(SENT)
        .when(new Letter.Reply("t-1", "sm-prudnik", "anna", "resident", "Dziękuję"))
        .expectEvents(new ReplyWritten("t-1", "anna", "resident", "Dziękuję", NOW, "anna"));
  }

  @Test
  void neither_another_resident_nor_an_auditor_writes_in_a_thread() {
    fixture.given(WRITTEN)
        .when(new Letter.Reply("t-2", "sm-prudnik", "jan", "resident", "x"))
        .expectException(Refusal.class)
        .expectExceptionMessage("Correspondence not found");
    fixture.given(WRITTEN)
        .when(new Letter.Reply("t-2", "sm-prudnik", "auditor-1", "auditor", "x"))
        .expectNoEvents()
        .expectException(Refusal.class);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
