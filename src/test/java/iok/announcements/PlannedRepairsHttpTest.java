package iok.announcements;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import iok.support.ApiClient;
import iok.support.DemoCooperative;
import iok.support.ApiClient.Response;
import iok.support.SseClient;
import iok.support.TestIok;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Planned repairs over HTTP. SM Opole's first demo resident holds premises in B-3, its second in B-12;
 * a repair of one building concerns only that building's residents.
 */
class PlannedRepairsHttpTest {

  static TestIok node;
  static ApiClient api;
  static String admin;
  static String b3;
  static String b12;
  static String prudnik;

  @BeforeAll
  static void start() {
    node = TestIok.start();
    api = node.client();
    DemoCooperative opole = DemoCooperative.opole(node, api).addZones("faults");
    admin = opole.admin();
    b3 = opole.resident(0);
    b12 = opole.resident(1);
    prudnik = DemoCooperative.prudnik(node, api).resident(0);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Map<String, String> repair(String building, String title, int startsIn, int endsIn) {
    return Map.of("scope", "building", "target", building, "title", title, "description", "Opis: " + title,
        "startsOn", LocalDate.now().plusDays(startsIn).toString(), "endsOn", LocalDate.now().plusDays(endsIn).toString());
  }

  static String plan(Map<String, String> body) {
    Response r = api.post("/api/admin/repairs", admin, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getString("repairId");
  }

  static List<JsonObject> repairs(String token) {
    Response r = api.get("/api/repairs", token);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().getJsonArray("repairs").stream().map(JsonObject.class::cast).toList();
  }

  static List<String> titles(String token) {
    return repairs(token).stream().map(o -> o.getString("title")).toList();
  }

  @Test
  void a_planned_repair_reaches_the_open_pages_of_the_buildings_residents_and_nobody_else() throws Exception {
    try (SseClient inB12 = SseClient.open(api, b12, null); SseClient inB3 = SseClient.open(api, b3, null);
         SseClient elsewhere = SseClient.open(api, prudnik, null)) {
      String id = plan(repair("B-12", "Wymiana pionów wodnych", 3, 5));
      SseClient.Message m = inB12.next(1_000);
      assertThat(m).as("within a second").isNotNull();
      assertThat(m.event()).isEqualTo("repair.planned");
      assertThat(m.data().getString("repairId")).isEqualTo(id);
      assertThat(m.data().getString("startsOn")).isEqualTo(LocalDate.now().plusDays(3).toString());
      assertThat(inB3.drain(400)).as("another building's resident").isEmpty();
      assertThat(elsewhere.drain(100)).as("another cooperative's resident").isEmpty();
    }
    assertThat(titles(b12)).contains("Wymiana pionów wodnych");
    assertThat(titles(b3)).doesNotContain("Wymiana pionów wodnych");
    assertThat(titles(prudnik)).doesNotContain("Wymiana pionów wodnych");
    assertThat(api.get("/api/announcements", b12).json().getJsonArray("announcements").stream()
        .map(o -> ((JsonObject) o).getString("title"))).as("repairs are not plain announcements")
        .doesNotContain("Wymiana pionów wodnych");
  }

  @Test
  void the_administrator_changes_a_repairs_days_and_cancels_it_and_its_residents_are_told() throws Exception {
    String id = plan(repair("B-3", "Malowanie klatki", 1, 2));
    JsonObject seen = repairs(b3).stream().filter(r -> r.getString("repairId").equals(id)).findFirst().orElseThrow();
    assertThat(seen.getString("status")).isEqualTo("planned");
    assertThat(seen.getString("description")).isEqualTo("Opis: Malowanie klatki");
    try (SseClient inB3 = SseClient.open(api, b3, null)) {
      String later = LocalDate.now().plusDays(10).toString();
      String end = LocalDate.now().plusDays(11).toString();
      assertThat(api.put("/api/admin/repairs/" + id, admin, new JsonObject().put("title", "Malowanie klatki")
          .put("description", "Przesunięte").put("startsOn", later).put("endsOn", end).encode()).status()).isEqualTo(204);
      SseClient.Message m = inB3.next(1_000);
      assertThat(m.event()).isEqualTo("repair.changed");
      assertThat(m.data().getString("startsOn")).isEqualTo(later);
      JsonObject moved = repairs(b3).stream().filter(r -> r.getString("repairId").equals(id)).findFirst().orElseThrow();
      assertThat(moved.getString("startsOn")).isEqualTo(later);
      assertThat(moved.getString("endsOn")).isEqualTo(end);
      assertThat(api.delete("/api/admin/repairs/" + id, admin).status()).isEqualTo(204);
      SseClient.Message cancelled = inB3.next(1_000);
      assertThat(cancelled.event()).isEqualTo("repair.changed");
      assertThat(cancelled.data().getBoolean("cancelled")).isTrue();
    }
    assertThat(titles(b3)).doesNotContain("Malowanie klatki");
    assertThat(repairs(admin).stream().filter(r -> r.getString("repairId").equals(id)).findFirst().orElseThrow()
        .getString("status")).isEqualTo("cancelled");
    assertThat(api.put("/api/admin/repairs/" + id, admin, new JsonObject().put("title", "x").put("description", "y")
        .put("startsOn", LocalDate.now().toString()).put("endsOn", LocalDate.now().toString()).encode()).status())
        .as("a cancelled repair is not changed").isEqualTo(409);
  }

  @Test
  void residents_may_not_announce_change_or_cancel_repairs_and_bad_days_are_refused() {
    String id = plan(repair("B-3", "Przegląd kominiarski", 2, 2));
    assertThat(api.post("/api/admin/repairs", b3, repair("B-3", "x", 1, 2)).status()).isEqualTo(403);
    assertThat(api.put("/api/admin/repairs/" + id, b3, "{}").status()).isEqualTo(403);
    assertThat(api.delete("/api/admin/repairs/" + id, b3).status()).isEqualTo(403);
    Response backwards = api.post("/api/admin/repairs", admin, repair("B-3", "x", 3, 1));
    assertThat(backwards.status()).isEqualTo(422);
    assertThat(backwards.error()).isEqualTo("repair_ends_before_it_starts");
    Response noStart = api.post("/api/admin/repairs", admin, Map.of("scope", "building", "target", "B-3", "title", "x",
        "description", "y", "endsOn", LocalDate.now().toString()));
    assertThat(noStart.status()).isEqualTo(400);
    assertThat(noStart.json().getJsonObject("details").getString("field")).isEqualTo("startsOn");
    String prudnikAdmin = api.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
    assertThat(api.delete("/api/admin/repairs/" + id, prudnikAdmin).status()).isEqualTo(404);
    String plain = api.post("/api/admin/announcements", admin, Map.of("title", "Zebranie", "body", "x", "scope", "cooperative"))
        .json().getString("announcementId");
    assertThat(api.delete("/api/admin/repairs/" + plain, admin).status()).as("an announcement is no repair").isEqualTo(404);
  }
}
