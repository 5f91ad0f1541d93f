package iok.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import iok.support.ApiClient;
import iok.support.DemoCooperative;
import iok.support.ApiClient.FilePart;
import iok.support.ApiClient.Response;
import iok.support.TestIok;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Photos of faults over HTTP, as a browser form sends them (multipart/form-data). */
class FaultPhotosHttpTest {

  static TestIok node;
  static ApiClient api;
  static String admin;
  static String maria;
  static String piotr;

  @BeforeAll
  static void start() {
    node = TestIok.start();
    api = node.client();
    DemoCooperative opole = DemoCooperative.opole(node, api).addZones("faults");
    admin = opole.admin();
    maria = opole.resident(0);
    piotr = opole.resident(1);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** A real picture, as a phone would send it. */
  static byte[] picture(String format, Color color) {
    BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, 40, 30);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, format, out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  static final Map<String, String> REPORT = Map.of("place", "Piwnica", "title", "Zalana piwnica", "description", "Woda na podłodze");

  static JsonObject fault(String token, String id) {
    return api.get("/api/faults", token).json().getJsonArray("faults").stream().map(JsonObject.class::cast)
        .filter(f -> f.getString("faultId").equals(id)).findFirst().orElseThrow();
  }

  @Test
  void a_photo_sent_with_the_report_comes_back_byte_for_byte_to_the_reporter_and_the_administrator_only() {
    byte[] jpeg = picture("jpg", Color.BLUE);
    byte[] png = picture("png", Color.RED);
    Response r = api.postForm("/api/faults", maria, REPORT, List.of(
        new FilePart("photos", "IMG_0001.JPG", "image/jpeg", jpeg),
        // the browser's claim is not what counts: the bytes are a PNG
        new FilePart("photos", "scan.jpg", "image/jpeg", png)));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String id = r.json().getString("faultId");
    JsonArray photos = fault(maria, id).getJsonArray("photos");
    assertThat(photos).hasSize(2);
    assertThat(photos.getJsonObject(1).getString("mediaType")).isEqualTo("image/png");

    HttpResponse<byte[]> first = api.getBytes(photos.getJsonObject(0).getString("url"), maria);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).isEqualTo(jpeg);
    assertThat(first.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(first.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    HttpResponse<byte[]> second = api.getBytes("/api/faults/" + id + "/photos/2", admin);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.body()).isEqualTo(png);
    assertThat(second.headers().firstValue("Content-Type")).hasValue("image/png");

    assertThat(api.getBytes("/api/faults/" + id + "/photos/1", piotr).statusCode()).as("another resident").isEqualTo(404);
    String prudnikAdmin = api.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
    assertThat(api.getBytes("/api/faults/" + id + "/photos/1", prudnikAdmin).statusCode()).as("another cooperative")
        .isEqualTo(404);
    assertThat(api.getBytes("/api/faults/" + id + "/photos/3", maria).statusCode()).isEqualTo(404);
  }

  @Test
  void the_reporter_adds_photos_later_up_to_five() {
    Response json = api.post("/api/faults", maria, REPORT);
    assertThat(json.status()).as("the JSON report still works").isEqualTo(201);
    String id = json.json().getString("faultId");
    byte[] png = picture("png", Color.GREEN);
    List<FilePart> four = List.of(new FilePart("photos", "a.png", "image/png", png), new FilePart("photos", "b.png", "image/png", png),
        new FilePart("photos", "c.png", "image/png", png), new FilePart("photos", "d.png", "image/png", png));
    assertThat(api.postForm("/api/faults/" + id + "/photos", maria, Map.of(), four).status()).isEqualTo(204);
    assertThat(fault(maria, id).getJsonArray("photos")).hasSize(4);
    long events = node.allEvents();
    Response tooMany = api.postForm("/api/faults/" + id + "/photos", maria, Map.of(), four.subList(0, 2));
    assertThat(tooMany.status()).isEqualTo(422);
    assertThat(tooMany.error()).isEqualTo("too_many_photos");
    assertThat(node.allEvents()).as("a refusal records nothing").isEqualTo(events);
    assertThat(contents(id)).as("nor keeps the refused bytes").isEqualTo(4);
    assertThat(api.postForm("/api/faults/" + id + "/photos", piotr, Map.of(), four.subList(0, 1)).status())
        .as("another resident's fault").isEqualTo(404);
    assertThat(api.postForm("/api/faults/" + id + "/photos", maria, Map.of(), four.subList(0, 1)).status()).isEqualTo(204);
  }

  @Test
  void a_text_file_named_like_a_photo_or_a_photo_too_large_is_refused_and_nothing_recorded() {
    long events = node.allEvents();
    Response text = api.postForm("/api/faults", maria, REPORT, List.of(
        new FilePart("photos", "zdjecie.jpg", "image/jpeg", "To nie jest zdjęcie".getBytes(StandardCharsets.UTF_8))));
    assertThat(text.status()).isEqualTo(415);
    assertThat(text.error()).isEqualTo("unsupported_photo_type");
    assertThat(text.json().getString("message")).isNotBlank();

    byte[] big = new byte[6 * 1024 * 1024];
    System.arraycopy(picture("jpg", Color.BLACK), 0, big, 0, 100);
    Response tooBig = api.postForm("/api/faults", maria, REPORT, List.of(new FilePart("photos", "big.jpg", "image/jpeg", big)));
    assertThat(tooBig.status()).isEqualTo(413);
    assertThat(tooBig.error()).isEqualTo("photo_too_large");

    byte[] png = picture("png", Color.WHITE);
    List<FilePart> six = java.util.stream.IntStream.range(0, 6).mapToObj(i -> new FilePart("photos", i + ".png", "image/png", png))
        .toList();
    Response tooMany = api.postForm("/api/faults", maria, REPORT, six);
    assertThat(tooMany.status()).isEqualTo(422);
    assertThat(tooMany.error()).isEqualTo("too_many_photos");

    Response anonymous = api.postForm("/api/faults", null, REPORT, List.of(new FilePart("photos", "big.jpg", "image/jpeg", big)));
    assertThat(anonymous.status()).as("megabytes are not taken from someone with no session").isEqualTo(401);
    assertThat(anonymous.error()).isEqualTo("not_authenticated");

    Response unknown = api.postForm("/api/faults", maria, Map.of("title", "x", "description", "y", "place", "z", "owner", "me"),
        List.of());
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(node.allEvents()).as("no refusal recorded anything").isEqualTo(events);
  }

  /** Photo bytes kept for a fault. */
  static long contents(String faultId) {
    try (var c = node.iok().database().dataSource().getConnection();
         var s = c.prepareStatement("SELECT count(*) FROM fault_photo_content WHERE fault_id = ?")) {
      s.setString(1, faultId);
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
