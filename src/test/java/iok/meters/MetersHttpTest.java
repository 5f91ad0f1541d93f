package iok.meters;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import iok.support.ApiClient;
import iok.support.DemoCooperative;
import iok.support.ApiClient.Response;
import iok.support.Eventually;
import iok.support.SseClient;
import iok.support.TestIok;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Meters over HTTP: the demo's SM Opole residents Maria and Piotr hold L-101 and L-102. */
class MetersHttpTest {

  static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Warsaw"));

  static TestIok node;
  static ApiClient api;
  static String admin;
  static String maria;
  static String piotr;

  @BeforeAll
  static void start() {
    node = TestIok.start();
    api = node.client();
    DemoCooperative opole = DemoCooperative.opole(node, api);
    admin = opole.admin();
    maria = opole.resident(0);
    piotr = opole.resident(1);
    // the demo makes SM Opole's windows mandatory; most tests here read on any day
    assertThat(windows(List.of()).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Response windows(List<Map<String, Object>> windows) {
    return api.put("/api/admin/settings/readings", admin, new JsonObject().put("windows", windows).encode());
  }

  static Map<String, Object> window(LocalDate opens, LocalDate closes, boolean mandatory) {
    return Map.of("opensOn", opens.toString(), "closesOn", closes.toString(), "mandatory", mandatory);
  }

  /** A cold-water meter in Maria's flat, installed {@code daysAgo} days ago at {@code initial} m3. */
  static String meter(int daysAgo, String initial, LocalDate legalisedUntil) {
    Response r = api.post("/api/admin/meters", admin, Map.of("premisesId", "L-101", "kind", "cold", "number",
        "T-" + System.nanoTime(), "place", "łazienka", "legalisedUntil", legalisedUntil.toString(),
        "installedOn", TODAY.minusDays(daysAgo).toString(), "initialValue", initial));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getString("meterId");
  }

  static String meter(int daysAgo, String initial) {
    return meter(daysAgo, initial, TODAY.plusYears(4));
  }

  static Response submit(String token, String meterId, String value, LocalDate readAt) {
    Map<String, Object> body = new HashMap<>(Map.of("value", value));
    if (readAt != null) body.put("readAt", readAt.toString());
    return api.post("/api/meters/" + meterId + "/readings", token, body);
  }

  static String submitted(String meterId, String value, LocalDate readAt) {
    Response r = submit(maria, meterId, value, readAt);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getString("readingId");
  }

  static JsonObject mine(String token, String meterId) {
    return api.get("/api/meters", token).json().getJsonArray("meters").stream().map(JsonObject.class::cast)
        .filter(m -> m.getString("meterId").equals(meterId)).findFirst().orElse(null);
  }

  static void refused(Response r, String code) {
    assertThat(r.status()).as(r.body()).isEqualTo(422);
    assertThat(r.error()).isEqualTo(code);
    assertThat(r.json().getString("message")).isNotBlank();
  }

  @Test
  void a_resident_submits_readings_and_sees_their_history_and_consumption_per_period() {
    String meterId = meter(60, "10");
    submitted(meterId, "13", TODAY.minusDays(30));
    Response today = submit(maria, meterId, "16.25", null);
    assertThat(today.status()).as(today.body()).isEqualTo(201);
    assertThat(today.json().getString("status")).isEqualTo("submitted");

    JsonObject meter = mine(maria, meterId);
    assertThat(meter.getString("status")).isEqualTo("active");
    assertThat(meter.getBoolean("mayReadNow")).isTrue();
    JsonArray readings = meter.getJsonArray("readings");
    assertThat(readings.stream().map(r -> ((JsonObject) r).getString("value"))).containsExactly("10.000", "13.000", "16.250");
    assertThat(readings.getJsonObject(0).getString("source")).isEqualTo("installation");
    assertThat(readings.getJsonObject(2).getString("readAt")).isEqualTo(TODAY.toString());
    JsonArray consumption = meter.getJsonArray("consumption");
    assertThat(consumption.stream().map(c -> ((JsonObject) c).getString("used"))).containsExactly("3.000", "3.250");
    assertThat(consumption.getJsonObject(1).getInteger("days")).isEqualTo(30);
    assertThat(consumption.getJsonObject(1).getString("period")).isEqualTo(TODAY.toString().substring(0, 7));
  }

  @Test
  void every_reading_rule_refuses_with_its_reason() {
    String meterId = meter(60, "10");
    submitted(meterId, "13", TODAY.minusDays(30));
    refused(submit(maria, meterId, "12.999", TODAY), "value_below_last_reading");
    refused(submit(maria, meterId, "14", TODAY.minusDays(31)), "read_before_last_reading");
    refused(submit(maria, meterId, "14", TODAY.plusDays(1)), "read_in_future");

    String expired = meter(100, "0", TODAY.minusDays(1));
    refused(submit(maria, expired, "1", TODAY), "legalisation_expired");
    assertThat(submit(maria, expired, "1", TODAY.minusDays(1)).status()).as("on its last legal day").isEqualTo(201);
    assertThat(mine(maria, expired).getString("status")).isEqualTo("legalisation-expired");

    Response replaced = api.post("/api/admin/meters/" + meterId + "/replacement", admin, Map.of("number", "T-new",
        "legalisedUntil", TODAY.plusYears(5).toString(), "installedOn", TODAY.toString()));
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(201);
    refused(submit(maria, meterId, "20", TODAY), "meter_removed");

    assertThat(submit(maria, replaced.json().getString("meterId"), "12,5", null).error()).isEqualTo("invalid_field");
    assertThat(api.post("/api/meters/" + replaced.json().getString("meterId") + "/readings", maria,
        Map.of("value", "1", "readAt", "2026-13-01")).error()).isEqualTo("invalid_field");
  }

  @Test
  void a_mandatory_window_admits_readings_read_and_submitted_inside_it() {
    String meterId = meter(60, "10");
    try {
      assertThat(windows(List.of(window(TODAY.plusDays(5), TODAY.plusDays(10), true),
          window(TODAY.minusDays(3), TODAY.plusDays(3), false))).status()).isEqualTo(200);
      Response outside = submit(maria, meterId, "11", TODAY);
      refused(outside, "outside_reading_window");
      assertThat(outside.json().getJsonObject("details").getString("opensOn")).isEqualTo(TODAY.plusDays(5).toString());
      JsonObject listed = api.get("/api/meters", maria).json();
      assertThat(listed.getJsonObject("windows").getBoolean("mandatory")).isTrue();
      assertThat(listed.getJsonObject("windows").getJsonObject("next").getString("opensOn"))
          .isEqualTo(TODAY.plusDays(5).toString());
      assertThat(mine(maria, meterId).getBoolean("mayReadNow")).isFalse();

      assertThat(windows(List.of(window(TODAY.minusDays(2), TODAY.plusDays(2), true))).status()).isEqualTo(200);
      refused(submit(maria, meterId, "11", TODAY.minusDays(3)), "outside_reading_window");
      assertThat(submit(maria, meterId, "11", TODAY.minusDays(2)).status()).isEqualTo(201);
      assertThat(api.get("/api/admin/settings/readings", admin).json().getJsonArray("windows").getJsonObject(0)
          .getBoolean("mandatory")).isTrue();
    } finally {
      windows(List.of());
    }
    Response backwards = windows(List.of(window(TODAY, TODAY.minusDays(1), false)));
    assertThat(backwards.status()).isEqualTo(400);
  }

  @Test
  void a_jump_far_above_the_usual_consumption_is_taken_and_flagged_for_the_administrator() {
    String meterId = meter(60, "0");
    String usual = submitted(meterId, "3", TODAY.minusDays(30));
    Response jump = submit(maria, meterId, "15", TODAY);
    assertThat(jump.status()).isEqualTo(201);
    assertThat(jump.json().getString("status")).isEqualTo("flagged");
    String readingId = jump.json().getString("readingId");

    JsonObject flagged = api.get("/api/admin/readings?status=flagged", admin).json().getJsonArray("readings").stream()
        .map(JsonObject.class::cast).filter(r -> r.getString("readingId").equals(readingId)).findFirst().orElseThrow();
    assertThat(flagged.getJsonObject("jump").getString("perDay")).isEqualTo("0.400");
    assertThat(flagged.getJsonObject("jump").getString("usualPerDay")).isEqualTo("0.100");
    assertThat(flagged.getJsonObject("previous").getString("value")).isEqualTo("3.000");
    assertThat(flagged.getString("premisesId")).isEqualTo("L-101");
    assertThat(api.get("/api/admin/readings?status=submitted", admin).json().getJsonArray("readings").stream()
        .map(r -> ((JsonObject) r).getString("readingId"))).contains(usual).doesNotContain(readingId);
    assertThat(api.get("/api/admin/readings", admin).json().getJsonArray("readings").stream()
        .map(r -> ((JsonObject) r).getString("readingId"))).contains(usual, readingId);
    assertThat(api.get("/api/admin/readings?status=lost", admin).status()).isEqualTo(400);
  }

  @Test
  void a_review_reaches_the_resident_who_submitted_the_reading_and_nobody_else() throws Exception {
    String meterId = meter(60, "0");
    String first = submitted(meterId, "3", TODAY.minusDays(30));
    String second = submitted(meterId, "60", TODAY);
    try (SseClient mine = SseClient.open(api, maria, null); SseClient other = SseClient.open(api, piotr, null)) {
      assertThat(api.post("/api/admin/readings/" + first + "/acceptance", admin, null).status()).isEqualTo(204);
      SseClient.Message accepted = mine.next(1_000);
      assertThat(accepted).as("within a second").isNotNull();
      assertThat(accepted.event()).isEqualTo("reading.reviewed");
      assertThat(accepted.data().getString("readingId")).isEqualTo(first);
      assertThat(accepted.data().getString("status")).isEqualTo("accepted");

      refused(api.post("/api/admin/readings/" + second + "/correction", admin,
          Map.of("value", "2", "comment", "Za mało")), "value_breaks_series");
      assertThat(api.post("/api/admin/readings/" + second + "/correction", admin,
          Map.of("value", "6", "comment", "Odczyt z dodatkowym zerem")).status()).isEqualTo(204);
      SseClient.Message corrected = mine.next(1_000);
      assertThat(corrected.data().getString("status")).isEqualTo("corrected");
      assertThat(corrected.data().getString("value")).isEqualTo("6.000");
      assertThat(other.drain(300)).as("another resident hears nothing").isEmpty();
    }
    assertThat(api.post("/api/admin/readings/" + first + "/acceptance", admin, null).status()).isEqualTo(409);
    JsonObject reading = mine(maria, meterId).getJsonArray("readings").getJsonObject(2);
    assertThat(reading.getString("value")).isEqualTo("6.000");
    assertThat(reading.getString("submittedValue")).isEqualTo("60.000");
    assertThat(reading.getString("status")).isEqualTo("corrected");
    assertThat(reading.getString("comment")).isEqualTo("Odczyt z dodatkowym zerem");
    refused(submit(maria, meterId, "5.999", TODAY), "value_below_last_reading");
  }

  @Test
  void only_the_holder_submits_and_only_the_cooperatives_administrators_administer() {
    String meterId = meter(60, "0");
    String reading = submitted(meterId, "3", TODAY.minusDays(30));
    assertThat(submit(piotr, meterId, "4", TODAY).status()).as("another resident's meter").isEqualTo(404);
    assertThat(submit(admin, meterId, "4", TODAY).status()).as("staff hold no premises").isEqualTo(404);
    assertThat(submit(maria, "no-such-meter", "4", TODAY).status()).isEqualTo(404);
    assertThat(mine(piotr, meterId)).isNull();

    Map<String, String> meterBody = Map.of("premisesId", "L-101", "kind", "hot", "number", "X", "place", "kuchnia",
        "legalisedUntil", TODAY.plusYears(5).toString(), "installedOn", TODAY.toString());
    assertThat(api.post("/api/admin/meters", maria, meterBody).status()).isEqualTo(403);
    assertThat(api.get("/api/admin/meters", maria).status()).isEqualTo(403);
    assertThat(api.get("/api/admin/readings", maria).status()).isEqualTo(403);
    assertThat(api.get("/api/admin/settings/readings", maria).status()).isEqualTo(403);
    assertThat(api.post("/api/admin/readings/" + reading + "/acceptance", maria, null).status()).isEqualTo(403);
    assertThat(api.post("/api/admin/readings/" + reading + "/correction", maria, Map.of("value", "3", "comment", "x"))
        .status()).isEqualTo(403);
    assertThat(api.post("/api/admin/meters/" + meterId + "/replacement", maria, Map.of("number", "X", "legalisedUntil",
        TODAY.plusYears(5).toString(), "installedOn", TODAY.toString())).status()).isEqualTo(403);
    assertThat(api.put("/api/admin/settings/readings", maria, "{\"windows\":[]}").status()).isEqualTo(403);

    String prudnik = api.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
    assertThat(api.post("/api/admin/readings/" + reading + "/acceptance", prudnik, null).status()).isEqualTo(404);
    assertThat(api.post("/api/admin/meters/" + meterId + "/replacement", prudnik, Map.of("number", "X",
        "legalisedUntil", TODAY.plusYears(5).toString(), "installedOn", TODAY.toString())).status()).isEqualTo(404);
    assertThat(api.get("/api/admin/meters", prudnik).json().getJsonArray("meters").stream()
        .map(m -> ((JsonObject) m).getString("meterId"))).doesNotContain(meterId);
    Map<String, String> backwards = new HashMap<>(meterBody);
    backwards.put("legalisedUntil", TODAY.minusDays(1).toString());
    refused(api.post("/api/admin/meters", admin, backwards), "legalisation_before_installation");
    Map<String, String> elsewhere = new HashMap<>(meterBody);
    elsewhere.put("premisesId", "NOWHERE");
    assertThat(api.post("/api/admin/meters", admin, elsewhere).error()).isEqualTo("invalid_field");
  }

  @Test
  void a_replaced_meter_keeps_its_series_to_the_final_reading_and_the_new_one_starts_its_own() {
    String old = meter(60, "100");
    submitted(old, "103", TODAY.minusDays(30));
    refused(api.post("/api/admin/meters/" + old + "/replacement", admin, Map.of("number", "T-2", "legalisedUntil",
        TODAY.plusYears(5).toString(), "installedOn", TODAY.toString(), "finalValue", "102")), "value_below_last_reading");
    Response replaced = api.post("/api/admin/meters/" + old + "/replacement", admin, Map.of("number", "T-2",
        "legalisedUntil", TODAY.plusYears(5).toString(), "installedOn", TODAY.toString(), "finalValue", "105.5"));
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(201);
    String fresh = replaced.json().getString("meterId");

    JsonObject removed = mine(maria, old);
    assertThat(removed.getString("status")).isEqualTo("removed");
    assertThat(removed.getString("replacedBy")).isEqualTo(fresh);
    assertThat(removed.getJsonArray("consumption").stream().map(c -> ((JsonObject) c).getString("used")))
        .containsExactly("3.000", "2.500");
    JsonObject current = mine(maria, fresh);
    assertThat(current.getString("replaces")).isEqualTo(old);
    assertThat(current.getString("kind")).isEqualTo("cold");
    assertThat(current.getString("place")).isEqualTo("łazienka");
    assertThat(current.getJsonArray("readings").getJsonObject(0).getString("value")).isEqualTo("0.000");
    assertThat(submit(maria, fresh, "0.2", TODAY).status()).isEqualTo(201);
    refused(api.post("/api/admin/meters/" + old + "/replacement", admin, Map.of("number", "T-3", "legalisedUntil",
        TODAY.plusYears(5).toString(), "installedOn", TODAY.toString())), "meter_removed");
  }

  @Test
  void the_demo_flats_have_meters_with_a_year_of_readings_every_two_months_and_a_leak_waits_flagged() {
    JsonArray meters = Eventually.await(() -> api.get("/api/meters", piotr).json().getJsonArray("meters"),
        m -> m.size() >= 2 && m.getJsonObject(0).getJsonArray("readings").size() == 7, Duration.ofSeconds(10));
    assertThat(meters.stream().map(m -> ((JsonObject) m).getString("kind"))).contains("cold", "hot");
    JsonObject cold = meters.stream().map(JsonObject.class::cast).filter(m -> m.getString("kind").equals("cold"))
        .findFirst().orElseThrow();
    assertThat(cold.getJsonArray("consumption")).hasSize(6);
    assertThat(api.get("/api/admin/readings?status=flagged", admin).json().getJsonArray("readings").stream()
        .map(r -> ((JsonObject) r).getString("meterId"))).contains(cold.getString("meterId"));
    assertThat(api.get("/api/admin/settings/readings", api.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD)).json()
        .getJsonArray("windows")).hasSize(4);
  }

  @Test
  void a_meter_with_a_long_series_loads_from_its_snapshot_and_keeps_every_rule() throws Exception {
    String meterId = meter(30, "0.000");
    for (int i = 1; i <= 110; i++) submitted(meterId, i + ".000", TODAY);
    try (java.sql.Connection c = node.iok().database().dataSource().getConnection();
         java.sql.PreparedStatement s = c.prepareStatement(
             "SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?")) {
      s.setString(1, meterId);
      try (java.sql.ResultSet rs = s.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).as("a snapshot was taken").isPositive();
      }
    }
    Response lower = submit(maria, meterId, "109.500", TODAY);
    assertThat(lower.status()).isEqualTo(422);
    assertThat(lower.error()).isEqualTo("value_below_last_reading");
    submitted(meterId, "111.000", TODAY);
  }
}
