package iok.cooperative;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import iok.support.ApiClient;
import iok.support.ApiClient.Response;
import iok.support.DemoCooperative;
import iok.support.SseClient;
import iok.support.TestDatabase;
import iok.support.TestIok;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cooperative enables, suspends and adds zones (P III.8, O III.3), and the server holds residents to it:
 * SM Prudnik's Anna holds a cooperative flat with a meter; SM Opole's Maria a cooperative flat and Piotr a
 * flat in the housing community Ogrodowa 12, whose finances are a zone of their own (O III.2).
 */
class ZonesHttpTest {

  static final String PATH = "/api/admin/settings/zones";

  static TestIok node;
  static ApiClient api;
  static String prudnikAdmin;
  static String anna;
  static String opoleAdmin;
  static String maria;
  static String piotr;
  static List<Object> prudnikZones;
  static List<Object> opoleZones;

  @BeforeAll
  static void start() {
    node = TestIok.start(TestDatabase.fresh(), Map.of());
    api = node.client();
    DemoCooperative prudnik = DemoCooperative.prudnik(node, api);
    DemoCooperative opole = DemoCooperative.opole(node, api);
    prudnikAdmin = prudnik.admin();
    anna = prudnik.resident(0);
    opoleAdmin = opole.admin();
    maria = opole.resident(0);
    piotr = opole.resident(1);
    prudnikZones = zones(anna);
    opoleZones = zones(maria);
  }

  @AfterEach
  void enableAgain() {
    assertThat(set(prudnikAdmin, prudnikZones).status()).isEqualTo(204);
    assertThat(set(opoleAdmin, opoleZones).status()).isEqualTo(204);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static List<Object> zones(String token) {
    return api.get("/api/cooperative", token).json().getJsonArray("zones").getList();
  }

  static Response set(String token, List<?> zones) {
    return api.put(PATH, token, Map.of("zones", zones));
  }

  static List<Object> without(List<Object> zones, String... suspended) {
    return zones.stream().filter(z -> !List.of(suspended).contains(z)).toList();
  }

  @Test
  void a_suspended_zone_refuses_its_residents_keeps_their_data_and_gives_it_back_when_enabled() {
    JsonArray meters = api.get("/api/meters", anna).json().getJsonArray("meters");
    assertThat(meters).isNotEmpty();
    String meterId = meters.getJsonObject(0).getString("meterId");
    long readings = node.events(meterId, "ReadingSubmitted");
    long switches = node.events("sm-prudnik", "ZonesSet");

    assertThat(set(prudnikAdmin, without(prudnikZones, "meters")).status()).isEqualTo(204);
    assertThat(node.events("sm-prudnik", "ZonesSet")).as("the switch is an event").isEqualTo(switches + 1);
    assertThat(zones(anna)).doesNotContain("meters").contains("finance", "faults");

    Response refused = api.get("/api/meters", anna);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.error()).isEqualTo("zone_not_enabled");
    assertThat(refused.json().getJsonObject("details").getJsonArray("zones")).containsExactly("meters");
    Response reading = api.post("/api/meters/" + meterId + "/readings", anna, Map.of("value", "123.456"));
    assertThat(reading.status()).isEqualTo(403);
    assertThat(reading.error()).isEqualTo("zone_not_enabled");
    assertThat(node.events(meterId, "ReadingSubmitted")).as("nothing recorded").isEqualTo(readings);
    assertThat(api.get("/api/faults", anna).status()).as("other zones stay open").isEqualTo(200);
    assertThat(api.get("/api/meters", prudnikAdmin).status()).as("staff prepare a suspended zone").isEqualTo(200);
    assertThat(api.get("/api/meters", maria).status()).as("another cooperative's switches are its own").isEqualTo(200);

    assertThat(set(prudnikAdmin, prudnikZones).status()).isEqualTo(204);
    assertThat(api.get("/api/meters", anna).json().getJsonArray("meters")).isEqualTo(meters);
  }

  @Test
  void community_finances_are_a_zone_of_their_own() {
    assertThat(zones(piotr)).contains("finance", "community-finance");
    JsonObject card = api.get("/api/finance", piotr).json().getJsonArray("premises").getJsonObject(0);
    assertThat(card.getString("zone")).isEqualTo("community-finance");
    String communityFlat = card.getString("premisesId");

    assertThat(set(opoleAdmin, without(opoleZones, "community-finance")).status()).isEqualTo(204);
    assertThat(api.get("/api/finance", piotr).json().getJsonArray("premises")).as("his community flat's card is gone")
        .isEmpty();
    Response ledger = api.get("/api/finance/" + communityFlat + "/ledger", piotr);
    assertThat(ledger.status()).isEqualTo(403);
    assertThat(ledger.json().getJsonObject("details").getJsonArray("zones")).containsExactly("community-finance");
    JsonArray marias = api.get("/api/finance", maria).json().getJsonArray("premises");
    assertThat(marias).isNotEmpty().allSatisfy(c -> assertThat(((JsonObject) c).getString("zone")).isEqualTo("finance"));

    assertThat(set(opoleAdmin, without(opoleZones, "community-finance", "finance")).status()).isEqualTo(204);
    assertThat(api.get("/api/finance", maria).error()).isEqualTo("zone_not_enabled");
  }

  @Test
  void everyone_signed_in_hears_of_the_change_live() throws Exception {
    try (SseClient stream = SseClient.open(api, anna, null)) {
      assertThat(set(prudnikAdmin, without(prudnikZones, "correspondence", "membership")).status()).isEqualTo(204);
      SseClient.Message m = stream.next(10_000);
      assertThat(m).isNotNull();
      assertThat(m.event()).isEqualTo("cooperative.zones-changed");
      assertThat(m.data().getJsonArray("zones").getList())
          .isEqualTo(without(prudnikZones, "correspondence", "membership"));
    }
  }

  @Test
  void the_administrator_sees_every_zone_and_which_are_enabled() {
    assertThat(set(prudnikAdmin, List.of("payments", "finance", "finance")).status()).isEqualTo(204);
    JsonArray all = api.get(PATH, prudnikAdmin).json().getJsonArray("zones");
    assertThat(all).hasSize(Zone.values().length);
    assertThat(all.stream().map(JsonObject.class::cast).filter(z -> z.getBoolean("enabled")).map(z -> z.getString("zone")))
        .as("each once, in the portal's order").containsExactly("finance", "payments");
    assertThat(zones(anna)).containsExactly("finance", "payments");
  }

  @Test
  void a_bad_list_is_refused_and_changes_nothing() {
    long events = node.events("sm-prudnik", null);
    Response unknown = set(prudnikAdmin, List.of("finance", "sauna"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.error()).isEqualTo("unknown_zone");
    assertThat(unknown.json().getJsonObject("details").getString("zone")).isEqualTo("sauna");
    assertThat(api.put(PATH, prudnikAdmin, "{}").error()).isEqualTo("invalid_field");
    assertThat(api.put(PATH, prudnikAdmin, "{\"zones\":\"finance\"}").status()).isEqualTo(400);
    assertThat(api.put(PATH, prudnikAdmin, "{\"zones\":[null]}").status()).isEqualTo(400);
    assertThat(set(anna, List.of()).status()).as("residents switch nothing").isEqualTo(403);
    assertThat(api.put(PATH, api.login("sm-prudnik", "auditor", TestIok.AUDITOR_PASSWORD),
        Map.of("zones", List.of())).status()).isEqualTo(403);
    assertThat(node.events("sm-prudnik", null)).isEqualTo(events);
    assertThat(zones(anna)).isEqualTo(prudnikZones);
  }
}
