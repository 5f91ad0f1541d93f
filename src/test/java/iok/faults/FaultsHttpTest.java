package iok.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import iok.support.ApiClient;
import iok.support.DemoCooperative;
import iok.support.ApiClient.Response;
import iok.support.SseClient;
import iok.support.TestIok;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Faults over HTTP: the demo's SM Opole residents hold L-101 and L-102. */
class FaultsHttpTest {

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

  static String report(String token, Map<String, String> body) {
    Response r = api.post("/api/faults", token, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getString("faultId");
  }

  static Response status(String id, String status) {
    return api.post("/api/admin/faults/" + id + "/status", admin, Map.of("status", status, "comment", "Zmiana: " + status));
  }

  @Test
  void a_fault_goes_from_report_to_resolution_and_back_and_its_reporter_hears_of_each_change() throws Exception {
    String id = report(maria, Map.of("premisesId", "L-101", "title", "Cieknie kran", "description", "W łazience, od rana"));
    try (SseClient mine = SseClient.open(api, maria, null); SseClient other = SseClient.open(api, piotr, null)) {
      assertThat(status(id, "accepted").status()).isEqualTo(204);
      SseClient.Message m = mine.next(1_000);
      assertThat(m).as("within a second").isNotNull();
      assertThat(m.event()).isEqualTo("fault.status-changed");
      assertThat(m.data().getString("status")).isEqualTo("accepted");
      assertThat(status(id, "accepted").status()).isEqualTo(409);
      assertThat(status(id, "resolved").status()).isEqualTo(204);
      assertThat(mine.next(1_000).data().getString("status")).isEqualTo("resolved");
      assertThat(api.post("/api/faults/" + id + "/comments", admin, Map.of("text", "Wymieniono uszczelkę")).status())
          .isEqualTo(204);
      assertThat(mine.next(1_000).event()).isEqualTo("fault.commented");
      assertThat(other.drain(300)).as("another resident hears nothing").isEmpty();
    }
    assertThat(api.post("/api/faults/" + id + "/comments", maria, Map.of("text", "Znowu cieknie", "reopen", true)).status())
        .isEqualTo(204);
    JsonObject fault = api.get("/api/faults", maria).json().getJsonArray("faults").stream().map(JsonObject.class::cast)
        .filter(f -> f.getString("faultId").equals(id)).findFirst().orElseThrow();
    assertThat(fault.getString("status")).isEqualTo("reported");
    assertThat(fault.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("kind")))
        .containsExactly("reported", "status", "status", "comment", "reopened");
  }

  @Test
  void only_its_reporter_and_the_cooperatives_staff_know_a_fault() {
    String id = report(maria, Map.of("place", "Klatka schodowa, parter", "title", "Nie świeci lampa", "description", "Od wczoraj"));
    assertThat(api.get("/api/faults", piotr).json().getJsonArray("faults").stream()
        .map(f -> ((JsonObject) f).getString("faultId"))).doesNotContain(id);
    assertThat(api.get("/api/faults", admin).json().getJsonArray("faults").stream()
        .map(f -> ((JsonObject) f).getString("faultId"))).contains(id);
    assertThat(api.post("/api/faults/" + id + "/comments", piotr, Map.of("text", "x")).status()).isEqualTo(404);
    String prudnikAdmin = api.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
    assertThat(api.post("/api/admin/faults/" + id + "/status", prudnikAdmin, Map.of("status", "accepted")).status())
        .isEqualTo(404);
    assertThat(api.post("/api/admin/faults/" + id + "/status", maria, Map.of("status", "accepted")).status())
        .isEqualTo(403);
    assertThat(api.post("/api/faults/" + id + "/comments", maria, Map.of("text", "x", "reopen", true)).status())
        .as("not resolved, so not reopened").isEqualTo(409);
  }

  @Test
  void a_fault_names_premises_the_reporter_holds_or_a_common_place() {
    assertThat(api.post("/api/faults", maria, Map.of("premisesId", "L-102", "title", "x", "description", "y")).status())
        .isEqualTo(400);
    assertThat(api.post("/api/faults", maria, Map.of("title", "x", "description", "y")).status()).isEqualTo(400);
    assertThat(api.post("/api/admin/faults/nope/status", admin, Map.of("status", "flying")).status()).isEqualTo(400);
  }
}
