package iok.communities;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import iok.support.ApiClient;
import iok.support.ApiClient.Response;
import iok.support.DemoCooperative;
import iok.support.Eventually;
import iok.support.SseClient;
import iok.support.TestIok;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resolutions of a housing community voted by its owners, counted exactly. The books here make SM Opole's
 * "Wspólnota Mieszkaniowa Polna 5": P1 (share 1/2) owned by Ala; P2 (3/10) co-owned by Bartek and Celina,
 * half each; P3 (1/5) rented by Daniel, its owner outside IOK. And "Wspólnota Mieszkaniowa Leśna 2": Q1 (3/5)
 * owned by Ala, Q2 (2/5) owned by Bartek.
 */
class ResolutionsHttpTest {

  static final String POLNA = "Wspólnota Mieszkaniowa Polna 5";
  static final String LESNA = "Wspólnota Mieszkaniowa Leśna 2";
  static TestIok node;
  static ApiClient api;
  static String admin;
  static String auditor;
  static Map<String, String> token = new HashMap<>();
  static Map<String, String> login = new HashMap<>();
  static Map<String, String> demo = new HashMap<>();

  /** A demo resident readied once (readying changes the password, so a second time would fail). */
  static String demoResident(String cooperative, int index) {
    return demo.computeIfAbsent(cooperative + index, k -> (cooperative.equals("sm-opole")
        ? DemoCooperative.opole(node, api) : DemoCooperative.prudnik(node, api)).resident(index));
  }

  @BeforeAll
  static void start() {
    node = TestIok.start();
    api = node.client();
    admin = DemoCooperative.opole(node, api).admin();
    auditor = api.login("sm-opole", "auditor", TestIok.AUDITOR_PASSWORD);
    for (String name : List.of("Ala", "Bartek", "Celina", "Daniel")) {
      JsonObject r = api.register(admin, name, "Testowy");
      login.put(name, r.getString("login"));
      token.put(name, api.readyResident("sm-opole", r.getString("login"), r.getString("initialPassword"), "Gotowy2026"));
    }
    ok(api.importRows("premises", admin, List.of(
        premises("P1", "1", POLNA, "1/2"), premises("P2", "2", POLNA, "30/100"), premises("P3", "3", POLNA, "1/5"),
        premises("Q1", "1", LESNA, "3/5"), premises("Q2", "2", LESNA, "2/5"))));
    ok(api.importRows("titles", admin, List.of(
        title("T-P1", "P1", "Ala", "ownership", null), title("T-P2-B", "P2", "Bartek", "ownership", "1/2"),
        title("T-P2-C", "P2", "Celina", "ownership", "1/2"), title("T-P3", "P3", "Daniel", "tenancy", null),
        title("T-Q1-A", "Q1", "Ala", "ownership", null), title("T-Q2", "Q2", "Bartek", "ownership", null))));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Map<String, String> premises(String id, String number, String community, String share) {
    return Map.of("id", id, "building", "B-12", "address", "ul. Testowa 1", "number", number, "kind", "flat",
        "area", "50.00", "community", community, "share", share);
  }

  static Map<String, String> title(String id, String premises, String who, String kind, String share) {
    Map<String, String> row = new HashMap<>(Map.of("id", id, "premises", premises, "login", login.get(who), "kind", kind,
        "from", "2020-01-01"));
    if (share != null) row.put("share", share);
    return row;
  }

  static void ok(Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  static String resolution(String community, String rule, boolean live) {
    return resolution(community, rule, live, false);
  }

  static String resolution(String community, String rule, boolean live, boolean names) {
    OffsetDateTime now = OffsetDateTime.now(ZoneId.of("Europe/Warsaw"));
    Response r = api.post("/api/admin/communities/resolutions", admin, new JsonObject().put("community", community)
        .put("number", "1/2026").put("title", "Zatwierdzenie planu gospodarczego").put("text", "Właściciele zatwierdzają plan.")
        .put("rule", rule).put("opensAt", now.minusMinutes(1).toString()).put("closesAt", now.plusDays(7).toString())
        .put("ownersSeeLiveTally", live).put("ownersSeeNames", names).encode());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String id = r.json().getString("resolutionId");
    Response opened = api.post("/api/admin/communities/resolutions/" + id + "/open", admin, "{}");
    assertThat(opened.status()).as(opened.body()).isEqualTo(204);
    return id;
  }

  static Response vote(String who, String id, String choice) {
    return api.post("/api/communities/resolutions/" + id + "/votes", token.get(who), Map.of("choice", choice));
  }

  static void voted(String who, String id, String choice) {
    Response r = vote(who, id, choice);
    assertThat(r.status()).as(r.body()).isEqualTo(204);
  }

  static void paper(String id, String premisesId, String choice) {
    Response r = api.post("/api/admin/communities/resolutions/" + id + "/votes", admin,
        Map.of("premisesId", premisesId, "choice", choice, "source", "paper"));
    assertThat(r.status()).as(r.body()).isEqualTo(204);
  }

  static JsonObject tally(String who, String id) {
    return api.get("/api/communities/resolutions/" + id, who).json().getJsonObject("tally");
  }

  static void close(String id) {
    Response r = api.post("/api/admin/communities/resolutions/" + id + "/close", admin, "{}");
    assertThat(r.status()).as(r.body()).isEqualTo(204);
  }

  @Test
  void by_shares_co_owners_split_their_premises_a_changed_vote_counts_once_and_paper_votes_count_too() {
    String id = resolution(POLNA, "shares", false);
    voted("Ala", id, "against");
    voted("Ala", id, "for");             // changed: only the last counts
    voted("Bartek", id, "for");          // half of P2: 3/10 × 1/2
    voted("Celina", id, "abstain");      // the other half
    paper(id, "P3", "against");          // P3's owner is outside IOK and voted on paper
    JsonObject live = tally(admin, id);
    assertThat(live.getString("for")).isEqualTo("13/20");
    assertThat(live.getString("against")).isEqualTo("1/5");
    assertThat(live.getString("abstain")).isEqualTo("3/20");
    assertThat(live.getString("total")).isEqualTo("1");
    assertThat(live.getInteger("votes")).isEqualTo(4);
    // the community did not let owners follow live: no tally before closing
    assertThat(tally(token.get("Ala"), id)).isNull();
    assertThat(api.get("/api/communities/resolutions/" + id + "/votes", token.get("Ala")).status()).isEqualTo(409);

    close(id);
    JsonObject seen = api.get("/api/communities/resolutions/" + id, token.get("Celina")).json();
    assertThat(seen.getString("status")).isEqualTo("closed");
    assertThat(seen.getBoolean("adopted")).isTrue();
    assertThat(seen.getJsonObject("tally").getJsonObject("recorded").getString("for")).isEqualTo("13/20");
    // anyone entitled adds the list up: it sums to the recorded outcome; owners see numbers, not names
    JsonObject list = api.get("/api/communities/resolutions/" + id + "/votes", token.get("Bartek")).json();
    assertThat(list.getJsonObject("tally").getBoolean("matches")).isTrue();
    JsonArray votes = list.getJsonArray("votes");
    assertThat(votes).hasSize(4);
    assertThat(votes.stream().map(JsonObject.class::cast).map(v -> v.getString("premisesNumber")).toList())
        .containsExactly("1", "2", "2", "3");
    assertThat(votes.stream().map(JsonObject.class::cast).noneMatch(v -> v.containsKey("voter") || v.containsKey("name")))
        .isTrue();
    JsonObject audited = api.get("/api/communities/resolutions/" + id + "/votes", auditor).json();
    assertThat(audited.getJsonArray("votes").stream().map(JsonObject.class::cast).map(v -> v.getString("voter")).toList())
        .contains(login.get("Ala"), login.get("Bartek"));
    assertThat(audited.getJsonArray("votes").stream().map(JsonObject.class::cast).map(v -> v.getString("name")).toList())
        .contains("Ala Testowy", "Bartek Testowy");
    // every vote, the changed one too, is an event in the resolution's stream
    assertThat(node.events(id, "VoteCast")).isEqualTo(5);
    assertThat(node.events(id, "ResolutionClosed")).isEqualTo(1);

    Response late = vote("Ala", id, "against");
    assertThat(late.status()).isEqualTo(422);
    assertThat(late.error()).isEqualTo("voting_closed");
    Response latePaper = api.post("/api/admin/communities/resolutions/" + id + "/votes", admin,
        Map.of("premisesId", "P3", "choice", "for", "source", "meeting"));
    assertThat(latePaper.status()).isEqualTo(422);
  }

  @Test
  void exactly_half_of_all_owners_for_is_a_tie_and_not_adopted() {
    String id = resolution(POLNA, "shares", true);
    voted("Ala", id, "for");              // 1/2: exactly half of all shares
    voted("Bartek", id, "against");
    JsonObject live = tally(token.get("Celina"), id); // this community shows owners the tally live
    assertThat(live.getString("for")).isEqualTo("1/2");
    assertThat(live.getBoolean("adopted")).isFalse();
    close(id);
    JsonObject seen = api.get("/api/communities/resolutions/" + id, token.get("Ala")).json();
    assertThat(seen.getBoolean("adopted")).isFalse();
    assertThat(seen.getJsonObject("tally").getJsonObject("recorded").getString("against")).isEqualTo("3/20");
  }

  @Test
  void one_owner_one_vote_counts_each_owner_once_against_all_owners() {
    String id = resolution(POLNA, "owners", false);
    voted("Ala", id, "for");
    voted("Bartek", id, "for");
    voted("Celina", id, "against");
    paper(id, "P3", "abstain");
    JsonObject live = tally(admin, id);
    assertThat(live.getString("for")).isEqualTo("2");
    assertThat(live.getString("total")).isEqualTo("4"); // Ala, Bartek, Celina and P3's owner outside IOK
    assertThat(live.getBoolean("adopted")).isFalse();   // 2 of 4 is not more than half
    voted("Celina", id, "for");
    close(id);
    JsonObject seen = api.get("/api/communities/resolutions/" + id, token.get("Ala")).json();
    assertThat(seen.getJsonObject("tally").getJsonObject("recorded").getString("for")).isEqualTo("3");
    assertThat(seen.getBoolean("adopted")).isTrue();
  }

  /**
   * The rule: a vote goes with the person who owned the premises when voting. Q1 passes from Ala to Celina
   * during the voting: Ala's vote stays counted until Celina votes for Q1, which withdraws it.
   */
  @Test
  void a_vote_goes_with_the_owner_at_the_time_of_voting_when_the_title_changes_hands() {
    String id = resolution(LESNA, "shares", false);
    voted("Ala", id, "for");
    LocalDate today = LocalDate.now(ZoneId.of("Europe/Warsaw"));
    Map<String, String> ended = title("T-Q1-A", "Q1", "Ala", "ownership", null);
    ended.put("until", today.minusDays(1).toString());
    Map<String, String> bought = title("T-Q1-C", "Q1", "Celina", "ownership", null);
    bought.put("from", today.toString());
    ok(api.importRows("titles", admin, List.of(ended, bought)));
    // the books' change reaches the premises read model a moment after the import answers
    Eventually.await(() -> api.get("/api/communities", token.get("Ala")).json().getJsonArray("communities").stream()
        .map(JsonObject.class::cast).map(c -> c.getString("name")).toList(), names -> !names.contains(LESNA),
        Duration.ofSeconds(10));
    assertThat(tally(admin, id).getString("for")).isEqualTo("3/5");        // Ala's vote stands
    assertThat(vote("Ala", id, "against").status()).isEqualTo(404);         // she owns nothing in Leśna 2 now
    voted("Celina", id, "against");                                         // the new owner's vote replaces it
    voted("Bartek", id, "for");
    JsonObject live = tally(admin, id);
    assertThat(live.getString("for")).isEqualTo("2/5");
    assertThat(live.getString("against")).isEqualTo("3/5");
    assertThat(live.getInteger("votes")).isEqualTo(2);
    close(id);
    assertThat(api.get("/api/communities/resolutions/" + id, admin).json().getBoolean("adopted")).isFalse();
  }

  @Test
  void owners_see_the_voters_names_only_when_the_community_decided_so() {
    String id = resolution(POLNA, "shares", true, true);
    voted("Ala", id, "for");
    paper(id, "P3", "against");
    Response r = api.get("/api/communities/resolutions/" + id, token.get("Bartek"));
    assertThat(r.json().getBoolean("ownersSeeNames")).isTrue();
    JsonArray votes = api.get("/api/communities/resolutions/" + id + "/votes", token.get("Bartek")).json()
        .getJsonArray("votes");
    assertThat(votes.stream().map(JsonObject.class::cast).map(v -> v.getString("premisesNumber") + ":" + v.getString("name")))
        .containsExactly("1:Ala Testowy", "3:null");   // a paper vote of owners outside IOK names nobody
    assertThat(votes.stream().map(JsonObject.class::cast).noneMatch(v -> v.containsKey("voter"))).isTrue(); // logins stay staff's
  }

  /**
   * A premises never counts more than its share. "Wspólnota Mieszkaniowa Łąkowa 7": K1 (7/10) owned by Bartek,
   * K2 (3/10) by Celina. Bartek votes for, then sells half of K1 to Daniel, who votes against: Bartek's vote is
   * reduced to the half he still owns, so K1 counts 7/10, not 7/10 + 7/20.
   */
  @Test
  void when_an_owner_sold_part_of_the_premises_during_voting_the_premises_still_counts_only_its_share() {
    String lakowa = "Wspólnota Mieszkaniowa Łąkowa 7";
    ok(api.importRows("premises", admin, List.of(premises("K1", "1", lakowa, "7/10"), premises("K2", "2", lakowa, "3/10"))));
    ok(api.importRows("titles", admin, List.of(title("T-K1-B", "K1", "Bartek", "ownership", null),
        title("T-K2-C", "K2", "Celina", "ownership", null))));
    Eventually.await(() -> api.get("/api/communities", token.get("Celina")).json().getJsonArray("communities").stream()
        .map(JsonObject.class::cast).map(c -> c.getString("name")).toList(), names -> names.contains(lakowa),
        Duration.ofSeconds(10));
    String id = resolution(lakowa, "shares", false);
    voted("Bartek", id, "for");
    LocalDate today = LocalDate.now(ZoneId.of("Europe/Warsaw"));
    Map<String, String> whole = title("T-K1-B", "K1", "Bartek", "ownership", null);
    whole.put("until", today.minusDays(1).toString());
    Map<String, String> kept = title("T-K1-B2", "K1", "Bartek", "ownership", "1/2");
    kept.put("from", today.toString());
    Map<String, String> sold = title("T-K1-D", "K1", "Daniel", "ownership", "1/2");
    sold.put("from", today.toString());
    ok(api.importRows("titles", admin, List.of(whole, kept, sold)));
    Eventually.await(() -> api.get("/api/communities", token.get("Daniel")).json().getJsonArray("communities").stream()
        .map(JsonObject.class::cast).map(c -> c.getString("name")).toList(), names -> names.contains(lakowa),
        Duration.ofSeconds(10));
    assertThat(tally(admin, id).getString("for")).isEqualTo("7/10");   // until the buyer votes, the seller's vote stands
    voted("Daniel", id, "against");
    JsonObject live = tally(admin, id);
    assertThat(live.getString("for")).isEqualTo("7/20");
    assertThat(live.getString("against")).isEqualTo("7/20");
    JsonArray votes = api.get("/api/communities/resolutions/" + id + "/votes", admin).json().getJsonArray("votes");
    assertThat(votes.stream().map(JsonObject.class::cast).map(v -> v.getString("voter") + ":" + v.getString("weight")))
        .containsExactlyInAnyOrder(login.get("Bartek") + ":7/20", login.get("Daniel") + ":7/20");
    voted("Celina", id, "for");
    close(id);
    JsonObject result = api.get("/api/communities/resolutions/" + id + "/votes", token.get("Daniel")).json();
    assertThat(result.getJsonObject("tally").getJsonObject("recorded").getString("for")).isEqualTo("13/20");
    assertThat(result.getJsonObject("tally").getBoolean("matches")).isTrue();
  }

  @Test
  void an_owner_sees_the_share_of_their_premises_and_their_part_a_tenant_sees_neither() {
    JsonObject p2 = holding("Bartek", "P2");
    assertThat(iok.premises.Share.of(p2.getString("share"))).isEqualTo(iok.premises.Share.of("3/10"));
    assertThat(p2.getJsonObject("title").getString("share")).isEqualTo("1/2");
    assertThat(holding("Ala", "P1").getJsonObject("title").getString("share")).isEqualTo("1");
    JsonObject p3 = holding("Daniel", "P3");
    assertThat(p3.getString("share")).isNull();
    assertThat(p3.getJsonObject("title").getString("share")).isNull();
  }

  static JsonObject holding(String who, String premisesId) {
    return api.get("/api/premises", token.get(who)).json().getJsonArray("premises").stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("premisesId").equals(premisesId)).findFirst().orElseThrow();
  }

  @Test
  void an_auditor_reads_everything_but_neither_votes_nor_administers() {
    String id = resolution(POLNA, "shares", false);
    voted("Ala", id, "for");
    assertThat(api.get("/api/communities/resolutions/" + id + "/votes", auditor).status()).isEqualTo(200);
    assertThat(api.post("/api/communities/resolutions/" + id + "/votes", auditor, Map.of("choice", "against")).status())
        .isEqualTo(403);
    assertThat(api.post("/api/admin/communities/resolutions/" + id + "/votes", auditor,
        Map.of("premisesId", "P3", "choice", "against", "source", "paper")).status()).isEqualTo(403);
    assertThat(api.post("/api/admin/communities/resolutions/" + id + "/close", auditor, "{}").status()).isEqualTo(403);
    assertThat(api.get("/api/admin/communities/resolutions/" + id + "/roll", auditor).status()).isEqualTo(403);
    assertThat(node.events(id, "VoteCast")).isEqualTo(1);
    assertThat(tally(admin, id).getString("for")).isEqualTo("1/2");
  }

  @Test
  void a_tenant_an_owner_elsewhere_and_another_cooperatives_resident_neither_see_nor_vote() {
    String id = resolution(POLNA, "shares", true);
    String maria = demoResident("sm-opole", 0);    // cooperative stock only
    String piotr = demoResident("sm-opole", 1);    // owner in Ogrodowa 12, another community
    String anna = demoResident("sm-prudnik", 0);   // another cooperative
    for (String outsider : List.of(token.get("Daniel"), maria, piotr, anna)) {
      assertThat(api.get("/api/communities/resolutions/" + id, outsider).status()).isEqualTo(404);
      assertThat(api.get("/api/communities/resolutions/" + id + "/votes", outsider).status()).isEqualTo(404);
      assertThat(api.post("/api/communities/resolutions/" + id + "/votes", outsider, Map.of("choice", "for")).status())
          .isEqualTo(404);
      assertThat(api.get("/api/communities/resolutions", outsider).json().getJsonArray("resolutions").stream()
          .map(JsonObject.class::cast).noneMatch(r -> r.getString("resolutionId").equals(id))).isTrue();
    }
    String prudnikAdmin = api.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
    assertThat(api.post("/api/admin/communities/resolutions/" + id + "/close", prudnikAdmin, "{}").status()).isEqualTo(404);
    assertThat(node.events(id, "VoteCast")).isZero();
  }

  @Test
  void a_published_document_reaches_the_owners_live_and_only_they_download_it() throws Exception {
    byte[] pdf = "%PDF-1.4\n% plan gospodarczy\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    String piotr = demoResident("sm-opole", 1);
    try (SseClient ala = SseClient.open(api, token.get("Ala"), null)) {
      Response r = api.postForm("/api/admin/communities/documents", admin,
          Map.of("document", new JsonObject().put("community", POLNA).put("kind", "financial-plan")
              .put("title", "Plan gospodarczy 2027").encode()),
          List.of(new ApiClient.FilePart("file", "plan-2027.pdf", "application/pdf", pdf)));
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      String documentId = r.json().getString("documentId");
      SseClient.Message m = null;
      for (int i = 0; i < 5 && (m == null || !m.event().equals("community-document.published")); i++) m = ala.next(2_000);
      assertThat(m).isNotNull();
      assertThat(m.event()).isEqualTo("community-document.published");
      assertThat(m.data().getString("title")).isEqualTo("Plan gospodarczy 2027");
      JsonArray docs = api.get("/api/communities/documents", token.get("Ala")).json().getJsonArray("documents");
      assertThat(docs.stream().map(JsonObject.class::cast).map(d -> d.getString("title"))).contains("Plan gospodarczy 2027");
      assertThat(api.getBytes("/api/communities/documents/" + documentId + "/file", token.get("Bartek")).body()).isEqualTo(pdf);
      assertThat(api.getBytes("/api/communities/documents/" + documentId + "/file", piotr).statusCode()).isEqualTo(404);
      assertThat(api.getBytes("/api/communities/documents/" + documentId + "/file", token.get("Daniel")).statusCode())
          .isEqualTo(404);
      assertThat(api.get("/api/communities/documents", piotr).json().getJsonArray("documents").stream()
          .map(JsonObject.class::cast).noneMatch(d -> d.getString("documentId").equals(documentId))).isTrue();
    }
  }

  @Test
  void voting_closes_by_itself_at_its_closing_time_and_a_draft_is_the_administrators_alone() {
    OffsetDateTime now = OffsetDateTime.now(ZoneId.of("Europe/Warsaw"));
    Response r = api.post("/api/admin/communities/resolutions", admin, new JsonObject().put("community", POLNA)
        .put("number", "2/2026").put("title", "Wybór zarządu").put("text", "Treść").put("rule", "shares")
        .put("opensAt", now.toString()).put("closesAt", now.plusSeconds(4).toString()).encode());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String id = r.json().getString("resolutionId");
    assertThat(api.get("/api/communities/resolutions/" + id, token.get("Ala")).status()).isEqualTo(404);
    assertThat(api.post("/api/admin/communities/resolutions/" + id + "/open", admin, "{}").status()).isEqualTo(204);
    voted("Ala", id, "for");
    JsonObject closed = Eventually.await(() -> api.get("/api/communities/resolutions/" + id, token.get("Ala")).json(),
        j -> "closed".equals(j.getString("status")), Duration.ofSeconds(60));
    assertThat(closed.getBoolean("adopted")).isFalse(); // 1/2 is not more than half
    assertThat(vote("Ala", id, "against").status()).isEqualTo(422);
  }

  @Test
  void the_books_share_must_be_an_exact_fraction_of_at_most_one() {
    Response r = api.importRows("premises", admin, List.of(premises("P9", "9", POLNA, "3/2"),
        premises("P10", "10", POLNA, "0.45")));
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().getJsonObject("details").getJsonArray("rows")).hasSize(2);
  }
}
