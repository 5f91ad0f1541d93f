package iok.correspondence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import iok.support.ApiClient;
import iok.support.DemoCooperative;
import iok.support.ApiClient.FilePart;
import iok.support.ApiClient.Response;
import iok.support.SseClient;
import iok.support.TestIok;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Correspondence over HTTP: SM Prudnik's demo residents Anna and Jan, its administrator, and SM Opole's. */
class CorrespondenceHttpTest {

  static final byte[] PDF = ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
      .getBytes(StandardCharsets.US_ASCII);

  static TestIok node;
  static ApiClient api;
  static String admin;
  static String anna;
  static String annaId;
  static String jan;

  @BeforeAll
  static void start() {
    node = TestIok.start();
    api = node.client();
    DemoCooperative prudnik = DemoCooperative.prudnik(node, api);
    admin = prudnik.admin();
    anna = prudnik.resident(0);
    jan = prudnik.resident(1);
    annaId = api.get("/api/me", anna).json().getString("accountId");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Response sendLetter(String token, JsonObject letter, FilePart... files) {
    return api.postForm("/api/admin/correspondence", token, Map.of("letter", letter.encode()), List.of(files));
  }

  static JsonObject letterTo(String accountId, String subject) {
    return new JsonObject().put("accountId", accountId).put("subject", subject).put("body", "Szanowna Pani,\ntreść pisma.");
  }

  static JsonObject listed(String path, String token, String threadId) {
    return api.get(path, token).json().getJsonArray("threads").stream().map(JsonObject.class::cast)
        .filter(t -> t.getString("threadId").equals(threadId)).findFirst().orElse(null);
  }

  @Test
  void a_letter_with_a_pdf_reaches_only_its_addressee_who_opens_it_once_and_downloads_the_pdf() throws Exception {
    String threadId;
    try (SseClient mine = SseClient.open(api, anna, null); SseClient other = SseClient.open(api, jan, null)) {
      Response sent = sendLetter(admin, letterTo(annaId, "Zawiadomienie o przeglądzie"),
          new FilePart("attachment", "przegląd gazowy.pdf", "application/pdf", PDF));
      assertThat(sent.status()).as(sent.body()).isEqualTo(201);
      threadId = sent.json().getString("threadId");
      SseClient.Message m = mine.next(1_000);
      assertThat(m).as("within a second").isNotNull();
      assertThat(m.event()).isEqualTo("correspondence.received");
      assertThat(m.data().getString("threadId")).isEqualTo(threadId);
      assertThat(other.drain(300)).as("another resident hears nothing").isEmpty();
    }
    JsonObject unopened = listed("/api/correspondence", anna, threadId);
    assertThat(unopened.getBoolean("unread")).isTrue();
    assertThat(unopened.getString("kind")).isEqualTo("letter");
    assertThat(listed("/api/admin/correspondence", admin, threadId).getString("openedAt")).isNull();

    Response first = api.get("/api/correspondence/" + threadId, anna);
    assertThat(first.status()).isEqualTo(200);
    String openedAt = first.json().getString("openedAt");
    assertThat(openedAt).isNotNull();
    assertThat(first.json().getJsonArray("entries").getJsonObject(0).getString("body")).contains("treść pisma");
    JsonObject attachment = first.json().getJsonArray("attachments").getJsonObject(0);
    assertThat(attachment.getString("name")).isEqualTo("przegląd gazowy.pdf");
    assertThat(attachment.getLong("size")).isEqualTo(PDF.length);
    assertThat(attachment.containsKey("contentId")).isFalse();

    Response again = api.get("/api/correspondence/" + threadId, anna);
    assertThat(again.json().getString("openedAt")).as("the first opening stays").isEqualTo(openedAt);
    assertThat(node.events(threadId, "LetterOpened")).isEqualTo(1);
    assertThat(node.events(threadId, "LetterSent")).isEqualTo(1);
    assertThat(listed("/api/correspondence", anna, threadId).getBoolean("unread")).isFalse();
    assertThat(listed("/api/admin/correspondence", admin, threadId).getString("openedAt")).isEqualTo(openedAt);
    assertThat(api.get("/api/correspondence/" + threadId, admin).json().getString("openedAt")).isEqualTo(openedAt);

    for (String token : List.of(anna, admin)) {
      HttpResponse<byte[]> pdf = download(token, attachment.getString("href"));
      assertThat(pdf.statusCode()).isEqualTo(200);
      assertThat(pdf.body()).isEqualTo(PDF);
      assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
      assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow())
          .startsWith("attachment;").contains("filename*=UTF-8''przegl%C4%85d%20gazowy.pdf");
    }
  }

  @Test
  void nobody_but_the_addressee_and_the_cooperatives_staff_finds_a_letter() {
    Response sent = sendLetter(admin, letterTo(annaId, "Poufne"), new FilePart("attachment", "a.pdf", "application/pdf", PDF));
    String threadId = sent.json().getString("threadId");
    String href = "/api/correspondence/" + threadId + "/attachments/1";
    String opoleAdmin = api.login("sm-opole", "admin", TestIok.ADMIN_PASSWORD);
    for (String stranger : List.of(jan, opoleAdmin)) {
      assertThat(api.get("/api/correspondence/" + threadId, stranger).status()).isEqualTo(404);
      assertThat(api.get("/api/correspondence/" + threadId, stranger).error()).isEqualTo("not_found");
      assertThat(download(stranger, href).statusCode()).isEqualTo(404);
      assertThat(api.post("/api/correspondence/" + threadId + "/replies", stranger, Map.of("body", "x")).status())
          .isIn(403, 404);
    }
    assertThat(api.post("/api/admin/correspondence/" + threadId + "/replies", opoleAdmin, Map.of("body", "x")).status())
        .isEqualTo(404);
    assertThat(listed("/api/correspondence", jan, threadId)).isNull();
    assertThat(listed("/api/admin/correspondence", opoleAdmin, threadId)).isNull();
    assertThat(download(anna, "/api/correspondence/" + threadId + "/attachments/2").statusCode()).isEqualTo(404);
    assertThat(api.get("/api/correspondence/no-such-thread", anna).status()).isEqualTo(404);
    assertThat(node.events(threadId, "LetterOpened")).as("strangers open nothing").isZero();
  }

  @Test
  void residents_are_forbidden_the_administrators_routes() {
    assertThat(sendLetter(anna, letterTo(annaId, "Sam do siebie"), new FilePart("attachment", "a.pdf", "application/pdf", PDF)).status())
        .isEqualTo(403);
    assertThat(api.post("/api/admin/correspondence", anna, letterTo(annaId, "x").getMap()).status()).isEqualTo(403);
    assertThat(api.get("/api/admin/correspondence", anna).status()).isEqualTo(403);
    assertThat(api.post("/api/admin/correspondence/x/replies", anna, Map.of("body", "x")).status()).isEqualTo(403);
    assertThat(api.post("/api/correspondence", admin, Map.of("subject", "x", "body", "y")).status())
        .as("the cooperative writes letters, not messages to itself").isEqualTo(403);
  }

  @Test
  void only_pdfs_within_the_limits_are_attached() {
    long before = node.allEvents();
    Response html = sendLetter(admin, letterTo(annaId, "Nie PDF"),
        new FilePart("attachment", "faktura.pdf", "application/pdf", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)));
    assertThat(html.status()).isEqualTo(415);
    assertThat(html.error()).isEqualTo("attachment_not_pdf");
    assertThat(html.json().getString("message")).isNotBlank();

    byte[] big = new byte[(int) AttachmentPolicy.MAX_BYTES + 1];
    System.arraycopy(PDF, 0, big, 0, PDF.length);
    Response tooLarge = sendLetter(admin, letterTo(annaId, "Za duże"), new FilePart("attachment", "duze.pdf", "application/pdf", big));
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.error()).isEqualTo("attachment_too_large");

    FilePart pdf = new FilePart("attachment", "a.pdf", "application/pdf", PDF);
    Response tooMany = sendLetter(admin, letterTo(annaId, "Za dużo"), pdf, pdf, pdf, pdf);
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.error()).isEqualTo("too_many_attachments");

    assertThat(sendLetter(admin, letterTo("no-such-account", "Do nikogo"), pdf).status()).isEqualTo(422);
    assertThat(sendLetter(admin, new JsonObject().put("subject", "x").put("body", "y").put("extra", 1), pdf).status())
        .isEqualTo(400);
    assertThat(node.allEvents()).as("nothing refused was recorded").isEqualTo(before);

    Response longLetter = sendLetter(admin, letterTo(annaId, "Długie pismo").put("body", "Zażółć gęślą jaźń. ".repeat(1_000)), pdf);
    assertThat(longLetter.status()).as("a long letter fits beside its PDFs: " + longLetter.body()).isEqualTo(201);
    Response huge = sendLetter(admin, letterTo(annaId, "Ogromne").put("body", "x".repeat(200_000)), pdf);
    assertThat(huge.status()).isEqualTo(413);
    assertThat(huge.error()).isEqualTo("body_too_large");
    Response plain = api.post("/api/admin/correspondence", admin, letterTo(annaId, "Bez załączników").getMap());
    assertThat(plain.status()).as("a letter without attachments may be plain JSON").isEqualTo(201);
  }

  @Test
  void a_report_of_wrong_data_reaches_the_administrators_and_their_reply_reaches_only_the_resident() throws Exception {
    String threadId;
    try (SseClient staff = SseClient.open(api, admin, null)) {
      Response written = api.post("/api/correspondence", anna, Map.of("subject", "Błędne saldo",
          "body", "Saldo nie uwzględnia mojej wpłaty.", "about", Map.of("zone", "finance", "ref", "P-1")));
      assertThat(written.status()).as(written.body()).isEqualTo(201);
      threadId = written.json().getString("threadId");
      SseClient.Message m = staff.next(1_000);
      assertThat(m).isNotNull();
      assertThat(m.event()).isEqualTo("correspondence.message");
      assertThat(m.data().getBoolean("wrongData")).isTrue();
    }
    JsonObject report = listed("/api/admin/correspondence?filter=wrong-data", admin, threadId);
    assertThat(report.getJsonObject("about").getString("zone")).isEqualTo("finance");
    assertThat(report.getJsonObject("about").getString("ref")).isEqualTo("P-1");
    assertThat(report.getBoolean("awaitingReply")).isTrue();
    assertThat(report.getJsonObject("resident").getString("accountId")).isEqualTo(annaId);
    assertThat(listed("/api/admin/correspondence?filter=open", admin, threadId)).isNotNull();

    try (SseClient mine = SseClient.open(api, anna, null); SseClient other = SseClient.open(api, jan, null)) {
      assertThat(api.post("/api/admin/correspondence/" + threadId + "/replies", admin,
          Map.of("body", "Sprawdzimy i poprawimy.")).status()).isEqualTo(204);
      SseClient.Message m = mine.next(1_000);
      assertThat(m).isNotNull();
      assertThat(m.event()).isEqualTo("correspondence.received");
      assertThat(other.drain(300)).isEmpty();
    }
    assertThat(listed("/api/admin/correspondence?filter=open", admin, threadId)).as("answered").isNull();
    assertThat(listed("/api/correspondence", anna, threadId).getBoolean("unread")).isTrue();
    assertThat(api.post("/api/correspondence/" + threadId + "/replies", anna, Map.of("body", "Dziękuję")).status())
        .isEqualTo(204);
    JsonArray entries = api.get("/api/correspondence/" + threadId, anna).json().getJsonArray("entries");
    assertThat(entries.stream().map(e -> ((JsonObject) e).getString("by"))).containsExactly("resident", "admin", "resident");
    assertThat(listed("/api/correspondence", anna, threadId).getBoolean("unread")).isFalse();
    assertThat(listed("/api/admin/correspondence?filter=open", admin, threadId)).isNotNull();

    assertThat(api.post("/api/correspondence", anna, Map.of("subject", "x", "body", "y",
        "about", Map.of("zone", "weather"))).status()).isEqualTo(400);
    assertThat(api.get("/api/admin/correspondence?filter=closed", admin).status()).isEqualTo(400);
  }

  @Test
  void the_demo_resident_finds_the_cooperatives_letter_with_its_pdf() {
    JsonObject letter = api.get("/api/correspondence", anna).json().getJsonArray("threads").stream()
        .map(JsonObject.class::cast).filter(t -> t.getString("subject").equals("Zawiadomienie o zmianie opłat"))
        .findFirst().orElseThrow();
    JsonObject opened = api.get("/api/correspondence/" + letter.getString("threadId"), anna).json();
    HttpResponse<byte[]> pdf = download(anna, opened.getJsonArray("attachments").getJsonObject(0).getString("href"));
    assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    assertThat(new String(pdf.body(), StandardCharsets.US_ASCII)).endsWith("%%EOF\n");
  }

  static HttpResponse<byte[]> download(String token, String path) {
    try {
      return api.http().send(api.builder(path, token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
