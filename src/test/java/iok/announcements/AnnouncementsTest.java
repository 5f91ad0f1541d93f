package iok.announcements;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import iok.support.ApiClient;
import iok.support.DemoCooperative;
import iok.support.ApiClient.Response;
import iok.support.SseClient;
import iok.support.TestIok;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Announcements reach those they concern. The demo's books put SM Opole's first resident in building
 * B-3 (cooperative stock) and its second in B-12, owned by Wspólnota Mieszkaniowa Ogrodowa 12.
 */
class AnnouncementsTest {

  static TestIok node;
  static ApiClient api;
  static String admin;
  static String stock;      // holds premises in B-3
  static String community;  // holds premises in B-12, the community's building
  static String prudnik;    // another cooperative's resident

  @BeforeAll
  static void start() {
    node = TestIok.start();
    api = node.client();
    DemoCooperative opole = DemoCooperative.opole(node, api);
    admin = opole.admin();
    stock = opole.resident(0);
    community = opole.resident(1);
    prudnik = DemoCooperative.prudnik(node, api).resident(0);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static String publish(String title, String scope, String target, String expiresOn) {
    Map<String, String> body = new HashMap<>(Map.of("title", title, "body", "Treść: " + title, "scope", scope));
    if (target != null) body.put("target", target);
    if (expiresOn != null) body.put("expiresOn", expiresOn);
    Response r = api.post("/api/admin/announcements", admin, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getString("announcementId");
  }

  static List<String> titles(String token) {
    JsonArray list = api.get("/api/announcements", token).json().getJsonArray("announcements");
    return list.stream().map(o -> ((JsonObject) o).getString("title")).toList();
  }

  @Test
  void each_resident_sees_the_cooperatives_and_their_own_buildings_and_communitys_announcements() {
    publish("Walne zgromadzenie", "cooperative", null, null);
    publish("Przegląd gazowy B-3", "building", "B-3", null);
    publish("Zebranie wspólnoty", "community", "Wspólnota Mieszkaniowa Ogrodowa 12", null);
    assertThat(titles(stock)).contains("Walne zgromadzenie", "Przegląd gazowy B-3").doesNotContain("Zebranie wspólnoty");
    assertThat(titles(community)).contains("Walne zgromadzenie", "Zebranie wspólnoty").doesNotContain("Przegląd gazowy B-3");
    assertThat(titles(prudnik)).doesNotContain("Walne zgromadzenie", "Przegląd gazowy B-3", "Zebranie wspólnoty");
    JsonObject communityOne = api.get("/api/announcements", community).json().getJsonArray("announcements").stream()
        .map(JsonObject.class::cast).filter(o -> o.getString("title").equals("Zebranie wspólnoty")).findFirst().orElseThrow();
    assertThat(communityOne.getString("zone")).isEqualTo("community-announcements");
  }

  @Test
  void an_edited_announcement_shows_its_new_text_and_a_withdrawn_or_expired_one_is_gone() {
    String id = publish("Wyłączenie wody", "cooperative", null, LocalDate.now().plusDays(3).toString());
    assertThat(api.put("/api/admin/announcements/" + id, admin,
        "{\"title\":\"Wyłączenie wody — zmiana godzin\",\"body\":\"od 9 do 12\"}").status()).isEqualTo(204);
    assertThat(titles(stock)).contains("Wyłączenie wody — zmiana godzin");
    assertThat(api.delete("/api/admin/announcements/" + id, admin).status()).isEqualTo(204);
    assertThat(titles(stock)).doesNotContain("Wyłączenie wody — zmiana godzin");
    Response again = api.put("/api/admin/announcements/" + id, admin, "{\"title\":\"x\",\"body\":\"y\"}");
    assertThat(again.status()).isEqualTo(409);
    JsonObject seenByAdmin = api.get("/api/announcements", admin).json().getJsonArray("announcements").stream()
        .map(JsonObject.class::cast).filter(o -> o.getString("announcementId").equals(id)).findFirst().orElseThrow();
    assertThat(seenByAdmin.getString("status")).isEqualTo("withdrawn");
    Response past = api.post("/api/admin/announcements", admin,
        Map.of("title", "Stare", "body", "x", "scope", "cooperative", "expiresOn", "2020-01-01"));
    assertThat(past.status()).isEqualTo(422);
  }

  @Test
  void a_new_announcement_reaches_the_open_pages_of_those_it_concerns_and_nobody_else() throws Exception {
    try (SseClient stockStream = SseClient.open(api, stock, null);
         SseClient communityStream = SseClient.open(api, community, null);
         SseClient prudnikStream = SseClient.open(api, prudnik, null)) {
      publish("Malowanie klatek B-12", "building", "B-12", null);
      SseClient.Message m = communityStream.next(1_000);
      assertThat(m).as("within a second").isNotNull();
      assertThat(m.event()).isEqualTo("announcement.published");
      assertThat(m.data().getString("title")).isEqualTo("Malowanie klatek B-12");
      assertThat(stockStream.drain(400)).isEmpty();
      assertThat(prudnikStream.drain(100)).isEmpty();
    }
  }

  @Test
  void only_the_cooperatives_administrator_publishes_and_another_cooperative_cannot_touch_it() {
    String id = publish("Tylko Opole", "cooperative", null, null);
    assertThat(api.post("/api/admin/announcements", stock, Map.of("title", "x", "body", "y", "scope", "cooperative"))
        .status()).isEqualTo(403);
    String prudnikAdmin = api.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
    assertThat(api.send(api.builder("/api/admin/announcements/" + id, prudnikAdmin).DELETE().build()).status()).isEqualTo(404);
    assertThat(api.post("/api/admin/announcements", admin, Map.of("title", "x", "body", "y", "scope", "street")).status())
        .isEqualTo(400);
    assertThat(api.post("/api/admin/announcements", admin, Map.of("title", "x", "body", "y", "scope", "building")).status())
        .isEqualTo(400);
  }
}
