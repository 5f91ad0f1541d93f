package iok.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import iok.support.ApiClient;
import iok.support.DemoCooperative;
import iok.support.Eventually;
import iok.support.TestIok;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route the node serves (the same list OpenApiTest holds against openapi.yaml), called by each of six
 * people, answers as {@code src/test/resources/iok/authorisation-matrix.md} says. The ids in the paths are
 * SM Prudnik's resident Anna's things (her account, fault, thread, premises, meter, reading, payment) or her
 * cooperative's (an announcement, a repair, another account), so "another resident" (Jan) and "another
 * cooperative's administrator" (SM Opole's) ask for things that are not theirs: those answer 404.
 *
 * <p>{@code ok} in the table means authorised: a 2xx, or a 4xx that is about the request itself (400 for the
 * probe body {@code {"iokProbe":1}} most writes get, 409, 422) — anything but 401, 403 and 404.
 */
class AuthorisationMatrixTest {

  enum Role { ANONYMOUS, RESIDENT, OTHER_RESIDENT, OTHER_COOPERATIVE_ADMIN, ADMIN, AUDITOR }

  private static final Path TABLE = Path.of("src/test/resources/iok/authorisation-matrix.md");
  private static final String PROBE = "{\"iokProbe\":1}";
  private static final String COMMUNITY = "Wspólnota Mieszkaniowa Macierzowa 1";

  private static TestIok node;
  private static ApiClient api;
  private static final Map<Role, String> tokens = new EnumMap<>(Role.class);
  private static final Map<String, String> ids = new LinkedHashMap<>();
  /** Bodies that would be accepted, for the routes whose ownership check may come after reading the body. */
  private static final Map<String, Function<String, String>> bodies = new LinkedHashMap<>();

  @BeforeAll
  static void start() {
    node = TestIok.start();
    api = node.client();
    var prudnik = DemoCooperative.prudnik(node, api);
    tokens.put(Role.ADMIN, prudnik.admin());
    tokens.put(Role.RESIDENT, prudnik.resident(0));
    tokens.put(Role.OTHER_RESIDENT, prudnik.resident(1));
    tokens.put(Role.OTHER_COOPERATIVE_ADMIN, DemoCooperative.opole(node, api).admin());
    tokens.put(Role.AUDITOR, api.login("sm-prudnik", "auditor", TestIok.AUDITOR_PASSWORD));
    String anna = tokens.get(Role.RESIDENT);
    String admin = tokens.get(Role.ADMIN);
    ids.put("account", api.get("/api/me", anna).json().getString("accountId"));
    ids.put("other-account", api.register(admin, "Zofia", "Macierzowa").getString("accountId"));
    JsonObject premises = first(api.get("/api/premises", anna).json(), "premises");
    ids.put("premises", premises.getString("premisesId"));
    ids.put("meter", first(api.get("/api/meters", anna).json(), "meters").getString("meterId"));
    ids.put("reading", api.post("/api/meters/" + ids.get("meter") + "/readings", anna,
        new JsonObject().put("value", "99999.000").encode()).json().getString("readingId"));
    ids.put("fault", api.post("/api/faults", anna, new JsonObject().put("premisesId", ids.get("premises"))
        .put("title", "Cieknie kran").put("description", "W kuchni").encode()).json().getString("faultId"));
    ids.put("thread", api.post("/api/correspondence", anna, new JsonObject().put("subject", "Pytanie")
        .put("body", "Dzień dobry").encode()).json().getString("threadId"));
    ids.put("announcement", api.post("/api/admin/announcements", admin, new JsonObject().put("title", "Ogłoszenie")
        .put("body", "Treść").put("scope", "cooperative").put("expiresOn", "2099-12-31").encode()).json().getString("announcementId"));
    ids.put("repair", api.post("/api/admin/repairs", admin, new JsonObject().put("scope", "cooperative").put("title", "Remont")
        .put("description", "Dach").put("startsOn", "2099-01-01").put("endsOn", "2099-01-31").encode()).json().getString("repairId"));
    ApiClient.Response settings = api.put("/api/admin/settings/payments", admin, new JsonObject().put("serviceId", "123456")
        .put("sharedKey", "QCBm3N0oFjzQAWsTIVN8mPLK12TW6HU6InSfjvnF").put("gatewayUrl", "https://testpay.autopay.eu").encode());
    assertThat(settings.status()).as(settings.body()).isEqualTo(204);
    ApiClient.Response photo = api.postForm("/api/faults/" + ids.get("fault") + "/photos", anna, Map.of(),
        List.of(png()));
    assertThat(photo.status()).as(photo.body()).isEqualTo(204);
    ApiClient.Response payment = api.post("/api/payments", anna,
        new JsonObject().put("premisesId", ids.get("premises")).put("amount", "10.00").encode());
    assertThat(payment.status()).as(payment.body()).isBetween(200, 201);
    ids.put("order", payment.json().getString("orderId"));
    community(admin, anna);

    bodies.put("post /api/faults/{id}/comments", r -> new JsonObject().put("text", "Komentarz").encode());
    bodies.put("post /api/correspondence/{id}/replies", r -> new JsonObject().put("body", "Odpowiedź").encode());
    bodies.put("post /api/admin/correspondence/{id}/replies", r -> new JsonObject().put("body", "Odpowiedź").encode());
    bodies.put("post /api/meters/{meterId}/readings", r -> new JsonObject().put("value", "99999.500").encode());
    bodies.put("post /api/admin/faults/{id}/status", r -> new JsonObject().put("status", "accepted").encode());
    bodies.put("post /api/admin/readings/{readingId}/correction",
        r -> new JsonObject().put("value", "99999.250").put("comment", "Poprawka").encode());
    bodies.put("post /api/admin/accounts/{id}/block", r -> new JsonObject().put("reason", "Test macierzy").encode());
    bodies.put("put /api/admin/announcements/{id}", r -> new JsonObject().put("title", "Zmienione").put("body", "Treść")
        .put("expiresOn", "2099-12-31").encode());
    bodies.put("put /api/admin/repairs/{id}", r -> new JsonObject().put("title", "Remont").put("description", "Dach")
        .put("startsOn", "2099-01-01").put("endsOn", "2099-01-30").encode());
    bodies.put("post /api/communities/resolutions/{id}/votes", r -> new JsonObject().put("choice", "for").encode());
    bodies.put("post /api/admin/communities/resolutions", r -> draft().encode());
    bodies.put("post /api/admin/communities/resolutions/{id}/votes", r -> new JsonObject().put("premisesId", "WM-2")
        .put("choice", "against").put("source", "paper").encode());
    bodies.put("post /api/admin/meters/{meterId}/replacement", r -> new JsonObject().put("number", "NOWY-1")
        .put("legalisedUntil", "2030-12-31").put("installedOn", "2026-01-02").put("finalValue", "99999.900")
        .put("initialValue", "0.000").encode());
  }

  /**
   * SM Prudnik's housing community from the books: WM-1 (share 1/2) owned by Anna alone, WM-2 (1/2) whose owner is
   * outside IOK; a document published to it and a resolution opened, its tally live for the owners.
   */
  private static void community(String admin, String anna) {
    ApiClient.Response buildings = api.importRows("buildings", admin, List.of(Map.of("id", "B-WM", "address",
        "ul. Macierzowa 1", "community", COMMUNITY)));
    assertThat(buildings.status()).as(buildings.body()).isEqualTo(200);
    ApiClient.Response premises = api.importRows("premises", admin, List.of(flat("WM-1", "1"), flat("WM-2", "2")));
    assertThat(premises.status()).as(premises.body()).isEqualTo(200);
    ApiClient.Response titles = api.importRows("titles", admin, List.of(Map.of("id", "T-WM-1", "premises", "WM-1",
        "login", node.resident("sm-prudnik", 0).login(), "kind", "ownership", "from", "2020-01-01", "share", "1")));
    assertThat(titles.status()).as(titles.body()).isEqualTo(200);
    // the books' change reaches the premises read model a moment after the import answers
    Eventually.await(() -> api.get("/api/communities", anna).json().getJsonArray("communities").size(), n -> n == 1,
        Duration.ofSeconds(10));
    ApiClient.Response document = api.postForm("/api/admin/communities/documents", admin, Map.of("document",
        new JsonObject().put("community", COMMUNITY).put("kind", "minutes").put("title", "Protokół").encode()), List.of(pdf()));
    assertThat(document.status()).as(document.body()).isEqualTo(201);
    ids.put("document", document.json().getString("documentId"));
    ApiClient.Response drafted = api.post("/api/admin/communities/resolutions", admin, draft().encode());
    assertThat(drafted.status()).as(drafted.body()).isEqualTo(201);
    ids.put("resolution", drafted.json().getString("resolutionId"));
    ApiClient.Response opened = api.post("/api/admin/communities/resolutions/" + ids.get("resolution") + "/open", admin, "{}");
    assertThat(opened.status()).as(opened.body()).isEqualTo(204);
  }

  private static Map<String, String> flat(String id, String number) {
    return Map.of("id", id, "building", "B-WM", "address", "ul. Macierzowa 1", "number", number, "kind", "flat",
        "area", "50.00", "community", COMMUNITY, "share", "1/2");
  }

  private static JsonObject draft() {
    OffsetDateTime now = OffsetDateTime.now(ZoneId.of("Europe/Warsaw"));
    return new JsonObject().put("community", COMMUNITY).put("number", "1/2026").put("title", "Plan gospodarczy")
        .put("text", "Właściciele zatwierdzają plan.").put("rule", "shares").put("opensAt", now.minusMinutes(1).toString())
        .put("closesAt", now.plusDays(7).toString()).put("ownersSeeLiveTally", true);
  }

  @AfterAll
  static void stop() {
    if (node != null) node.close();
  }

  @Test
  void every_route_answers_every_role_as_the_table_says() throws IOException {
    Map<String, Api.Access> routes = new LinkedHashMap<>();
    for (Api.Described d : node.iok().routes()) {
      routes.put(d.method().name().toLowerCase(Locale.ROOT) + " " + d.path().replaceAll(":([A-Za-z0-9_]+)", "{$1}"), d.access());
    }
    Map<String, Map<Role, String>> expected = readTable();
    assertThat(new TreeSet<>(expected.keySet())).as("routes in the table vs routes the node serves")
        .isEqualTo(new TreeSet<>(routes.keySet()));
    List<String> wrong = new ArrayList<>();
    StringBuilder observed = new StringBuilder();
    for (String route : expected.keySet()) {
      observed.append("| ").append(route.toUpperCase(Locale.ROOT).split(" ")[0]).append(' ').append(route.split(" ")[1]);
      for (Role role : Role.values()) {
        int status = call(route, role);
        String shown = status == 401 || status == 403 || status == 404 ? Integer.toString(status)
            : status >= 500 ? "500!" : "ok";
        observed.append(" | ").append(shown);
        String want = expected.get(route).get(role);
        if (!want.equals(shown)) wrong.add(route + " as " + role + ": expected " + want + ", answered " + status);
      }
      observed.append(" |\n");
    }
    System.out.println("observed matrix:\n" + observed);
    assertThat(wrong).as("cells that differ from the table").isEmpty();
  }

  /** The lists answer everyone 200, so what is in them is what tells: only the owners and the cooperative's staff find the community. */
  @Test
  void the_community_lists_hold_its_things_only_for_its_owners_and_the_cooperatives_staff() {
    for (Role role : List.of(Role.RESIDENT, Role.OTHER_RESIDENT, Role.OTHER_COOPERATIVE_ADMIN, Role.ADMIN, Role.AUDITOR)) {
      boolean sees = role == Role.RESIDENT || role == Role.ADMIN || role == Role.AUDITOR;
      String token = tokens.get(role);
      assertThat(names(api.get("/api/communities", token).json(), "communities", "name")).as(role.name())
          .matches(list -> list.contains(COMMUNITY) == sees);
      assertThat(names(api.get("/api/communities/documents", token).json(), "documents", "documentId")).as(role.name())
          .matches(list -> list.contains(ids.get("document")) == sees);
      assertThat(names(api.get("/api/communities/resolutions", token).json(), "resolutions", "resolutionId")).as(role.name())
          .matches(list -> list.contains(ids.get("resolution")) == sees);
    }
  }

  private static List<String> names(JsonObject body, String key, String field) {
    return body.getJsonArray(key).stream().map(JsonObject.class::cast).map(o -> o.getString(field)).toList();
  }

  private static int call(String route, Role role) {
    String method = route.split(" ")[0].toUpperCase(Locale.ROOT);
    String template = route.split(" ")[1];
    String path = concrete(template);
    // signing out ends the session it is sent with: that cell gets a session of its own
    String token = role == Role.ANONYMOUS ? null : route.equals("post /api/auth/logout") ? fresh(role) : tokens.get(role);
    HttpRequest.Builder b = api.builder(path, token);
    if (method.equals("GET") || method.equals("DELETE")) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      if (route.equals("post /api/faults/{id}/photos")) {
        // a real photo: the ownership check is what answers, not the media type
        return api.postForm(path, token, Map.of(), List.of(png())).status();
      }
      if (route.equals("post /api/admin/communities/documents")) {
        // a real PDF to SM Prudnik's community: SM Opole's administrator is answered that the books name no such one
        return api.postForm(path, token, Map.of("document", new JsonObject().put("community", COMMUNITY)
            .put("kind", "other").put("title", "Ogłoszenie zarządu").encode()), List.of(pdf())).status();
      }
      String body = bodies.containsKey(route) ? bodies.get(route).apply(route) : PROBE;
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    try {
      HttpResponse<InputStream> r = api.http().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = r.body()) {
        // a live stream never ends: its status says enough
        if (!r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) in.readAllBytes();
      }
      return r.statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String fresh(Role role) {
    return switch (role) {
      case ADMIN -> api.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
      case OTHER_COOPERATIVE_ADMIN -> api.login("sm-opole", "admin", TestIok.ADMIN_PASSWORD);
      case AUDITOR -> api.login("sm-prudnik", "auditor", TestIok.AUDITOR_PASSWORD);
      case RESIDENT -> api.login("sm-prudnik", node.resident("sm-prudnik", 0).login(), DemoCooperative.RESIDENT_PASSWORD);
      case OTHER_RESIDENT -> api.login("sm-prudnik", node.resident("sm-prudnik", 1).login(), DemoCooperative.RESIDENT_PASSWORD);
      case ANONYMOUS -> null;
    };
  }

  private static String concrete(String template) {
    String id;
    if (template.startsWith("/api/admin/accounts/")) id = ids.get("other-account");
    else if (template.startsWith("/api/audit/accounts/")) id = ids.get("account");
    else if (template.startsWith("/api/admin/announcements/")) id = ids.get("announcement");
    else if (template.startsWith("/api/admin/repairs/")) id = ids.get("repair");
    else if (template.contains("/faults/")) id = ids.get("fault");
    else if (template.contains("/communities/documents/")) id = ids.get("document");
    else if (template.contains("/communities/resolutions/")) id = ids.get("resolution");
    else id = ids.get("thread");
    return template.replace("{id}", id)
        .replace("{premisesId}", ids.get("premises"))
        .replace("{meterId}", ids.get("meter"))
        .replace("{readingId}", ids.get("reading"))
        .replace("{orderId}", ids.get("order"))
        .replace("{name}", "no-such-projection")
        .replace("{kind}", "buildings")
        .replace("{n}", "1");
  }

  /** The table: one row per route, a column per role, in {@link Role}'s order. */
  private static Map<String, Map<Role, String>> readTable() throws IOException {
    Map<String, Map<Role, String>> table = new LinkedHashMap<>();
    for (String line : Files.readAllLines(TABLE, StandardCharsets.UTF_8)) {
      if (!line.startsWith("| GET") && !line.startsWith("| POST") && !line.startsWith("| PUT") && !line.startsWith("| DELETE")) {
        continue;
      }
      String[] cells = line.substring(1, line.length() - 1).split("\\|");
      String route = cells[0].trim();
      Map<Role, String> row = new EnumMap<>(Role.class);
      for (Role role : Role.values()) row.put(role, cells[role.ordinal() + 1].trim());
      String[] parts = route.split(" ");
      table.put(parts[0].toLowerCase(Locale.ROOT) + " " + parts[1], row);
    }
    return table;
  }

  /** A one-pixel PNG. */
  private static ApiClient.FilePart png() {
    return new ApiClient.FilePart("photos", "kran.png", "image/png", java.util.Base64.getDecoder().decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="));
  }

  /** A PDF as small as the attachment check accepts. */
  private static ApiClient.FilePart pdf() {
    return new ApiClient.FilePart("file", "protokol.pdf", "application/pdf",
        "%PDF-1.4\n% protokol\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
  }

  private static JsonObject first(JsonObject body, String key) {
    JsonArray array = body.getJsonArray(key);
    if (array == null || array.isEmpty()) throw new AssertionError("nothing under " + key + " in " + body);
    return array.getJsonObject(0);
  }
}
