package iok.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import iok.support.ApiClient;
import iok.support.DemoCooperative;
import iok.support.Eventually;
import iok.support.TestIok;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The right of access (R18): a resident downloads everything IOK holds about them, and nothing of anyone else. */
class PersonalDataExportTest {

  static TestIok node;
  static ApiClient api;

  @BeforeAll
  static void start() {
    node = TestIok.start();
    api = node.client();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void a_resident_gets_every_place_their_data_is_kept_and_no_secret_or_other_persons_data() {
    String admin = DemoCooperative.prudnik(node, api).admin();
    JsonObject r = api.register(admin, "Dostęp", "Dodanych");
    String token = api.readyResident("sm-prudnik", r.getString("login"), r.getString("initialPassword"), "Dostep2026X");
    assertThat(api.put("/api/profile/contact", token, "{\"email\":\"dostep@example.org\",\"phone\":\"+48 600 111 222\"}")
        .status()).isEqualTo(204);
    assertThat(api.importRows("premises", admin, List.of(Map.of("id", "P-DD", "building", "B-3", "address", "ul. Jawna 3",
        "number", "5", "kind", "flat", "area", "44.00"))).status()).isEqualTo(200);
    assertThat(api.importRows("titles", admin, List.of(Map.of("id", "T-DD", "premises", "P-DD", "login",
        r.getString("login"), "kind", "tenancy", "from", "2024-01-01"))).status()).isEqualTo(200);
    assertThat(api.importRows("charges", admin, List.of(Map.of("id", "C-DD", "title", "T-DD", "component", "eksploatacja",
        "month", "2026-01", "dueDate", "2026-01-10", "amount", "99.99"))).status()).isEqualTo(200);
    assertThat(api.post("/api/faults", token, Map.of("place", "Piwnica", "title", "Wilgoć", "description", "Mokra ściana"))
        .status()).isEqualTo(201);
    assertThat(api.post("/api/correspondence", token, Map.of("subject", "Pytanie", "body", "Kiedy przegląd?")).status())
        .isEqualTo(201);

    JsonObject export = Eventually.await(() -> api.get("/api/profile/export", token).json(),
        e -> !e.getJsonArray("ledger").isEmpty(), Duration.ofSeconds(5));
    assertThat(export.getJsonArray("account").getJsonObject(0).getString("email")).isEqualTo("dostep@example.org");
    assertThat(export.getJsonArray("titles").getJsonObject(0).getString("premisesId")).isEqualTo("P-DD");
    assertThat(export.getJsonArray("ledger").getJsonObject(0).getString("amount")).isEqualTo("99.99");
    assertThat(export.getJsonArray("faults").getJsonObject(0).getString("description")).isEqualTo("Mokra ściana");
    assertThat(export.getJsonArray("correspondence").getJsonObject(0).getJsonArray("entries").getJsonObject(0)
        .getString("body")).isEqualTo("Kiedy przegląd?");
    String text = export.encode();
    assertThat(text).doesNotContain("passwordHash").doesNotContain("$argon2").doesNotContain("Dostep2026X");
    String anna = DemoCooperative.prudnik(node, api).resident(0);
    String annas = api.get("/api/profile/export", anna).body();
    assertThat(annas).doesNotContain("dostep@example.org").doesNotContain("P-DD").doesNotContain("Mokra ściana");
    assertThat(api.get("/api/profile/export", null).status()).isEqualTo(401);
  }
}
