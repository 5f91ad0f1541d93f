package iok.books;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import iok.demo.DemoSeed;
import iok.support.ApiClient;
import iok.support.Eventually;
import java.time.Duration;
import iok.support.ApiClient.Response;
import iok.support.TestIok;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Data from the cooperative's books, imported by an administrator and read by residents. */
class BooksImportTest {

  static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Warsaw"));
  static final YearMonth THIS_MONTH = YearMonth.from(TODAY);

  static TestIok node;
  static ApiClient api;
  static String admin;
  static String opoleAdmin;
  static String anna;
  static String jan;
  static DemoSeed.Credential annaLogin;
  static DemoSeed.Credential janLogin;

  @BeforeAll
  static void start() {
    node = TestIok.start();
    api = node.client();
    // the books here carry loans and a community flat, zones SM Prudnik adds for them (P III.8)
    iok.support.DemoCooperative.prudnik(node, api).addZones("loans", "community-finance");
    admin = api.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
    opoleAdmin = api.login("sm-opole", "admin", TestIok.ADMIN_PASSWORD);
    annaLogin = node.resident("sm-prudnik", 0);
    janLogin = node.resident("sm-prudnik", 1);
    anna = api.readyResident("sm-prudnik", annaLogin.login(), annaLogin.password(), "Anna1Konto");
    jan = api.readyResident("sm-prudnik", janLogin.login(), janLogin.password(), "Jan1Konto");
    ok(batch("premises", List.of(
        Map.of("id", "P-1", "building", "B-3", "address", "ul. Kościuszki 7", "number", "12", "kind", "flat",
            "area", "52.30"),
        Map.of("id", "P-2", "building", "B-3", "address", "ul. Kościuszki 7", "number", "14", "kind", "flat",
            "area", "38.10", "community", "Wspólnota Kościuszki 7"))));
    ok(batch("titles", List.of(
        Map.of("id", "T-1", "premises", "P-1", "login", annaLogin.login(), "kind", "cooperative-right",
            "from", "2020-01-01"))));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Response batch(String kind, List<Map<String, String>> rows) {
    return api.importRows(kind, admin, rows);
  }

  static JsonObject ok(Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  static JsonObject balanceOf(String token, String premisesId) {
    JsonArray premises = api.get("/api/finance", token).json().getJsonArray("premises");
    return premises.stream().map(JsonObject.class::cast).filter(p -> p.getString("premisesId").equals(premisesId))
        .findFirst().orElse(null);
  }

  @Test
  void a_residents_balance_follows_the_books_and_the_same_batch_twice_changes_nothing() {
    ok(batch("premises", List.of(Map.of("id", "P-4", "building", "B-3", "address", "ul. Kościuszki 7", "number", "16",
        "kind", "flat", "area", "61.05"))));
    ok(batch("titles", List.of(Map.of("id", "T-4", "premises", "P-4", "login", annaLogin.login(), "kind",
        "cooperative-right", "from", "2021-05-01"))));
    String last = THIS_MONTH.minusMonths(1).toString();
    List<Map<String, String>> charges = List.of(
        Map.of("id", "C-1", "title", "T-4", "component", "eksploatacja", "month", last, "dueDate",
            THIS_MONTH.minusMonths(1).atDay(10).toString(), "amount", "300.00"),
        Map.of("id", "C-2", "title", "T-4", "component", "fundusz remontowy", "month", last, "dueDate",
            THIS_MONTH.minusMonths(1).atDay(10).toString(), "amount", "150.20"),
        Map.of("id", "C-3", "title", "T-4", "component", "eksploatacja", "month", THIS_MONTH.toString(), "dueDate",
            THIS_MONTH.atEndOfMonth().plusDays(10).toString(), "amount", "300.00"));
    JsonObject first = ok(batch("charges", charges));
    assertThat(first.getInteger("recorded")).isEqualTo(3);
    long events = node.allEvents();
    JsonObject again = ok(batch("charges", charges));
    assertThat(again.getInteger("recorded")).isZero();
    assertThat(again.getInteger("unchanged")).isEqualTo(3);
    assertThat(node.allEvents()).as("only the books-loaded note is new").isEqualTo(events + 1);

    ok(batch("payments", List.of(Map.of("id", "W-1", "title", "T-4", "date", THIS_MONTH.minusMonths(1).atDay(12).toString(),
        "amount", "400.00"))));
    JsonObject balance = awaitBalance(anna, "P-4", "350.20");
    assertThat(balance.getString("dueNow")).isEqualTo("50.20");
    assertThat(balance.getString("notYetDue")).isEqualTo("300.00");
    assertThat(balance.getString("zone")).isEqualTo("finance");
    assertThat(api.get("/api/finance", anna).json().getString("booksLoadedAt")).isNotNull();

    JsonObject ledger = api.get("/api/finance/P-4/ledger?size=2", anna).json();
    assertThat(ledger.getLong("total")).isEqualTo(4);
    assertThat(ledger.getJsonArray("entries")).hasSize(2);
    assertThat(ledger.getJsonArray("entries").getJsonObject(0).getString("entryId")).isEqualTo("C-3");
    JsonObject premises = Eventually.await(() -> api.get("/api/premises", anna).json().getJsonArray("premises").stream()
        .map(JsonObject.class::cast).filter(p -> p.getString("premisesId").equals("P-4")).findFirst().orElse(null),
        p -> p != null, Duration.ofSeconds(5));
    assertThat(premises).as("P-4 among anna's premises").isNotNull();
    assertThat(premises.getString("area")).isEqualTo("61.05");
    assertThat(premises.getString("address")).isEqualTo("ul. Kościuszki 7");
  }

  static JsonObject awaitBalance(String token, String premisesId, String expected) {
    JsonObject balance = Eventually.await(() -> balanceOf(token, premisesId),
        b -> b != null && b.getString("balance").equals(expected), Duration.ofSeconds(5));
    assertThat(balance).as("balance of " + premisesId).isNotNull();
    assertThat(balance.getString("balance")).isEqualTo(expected);
    return balance;
  }

  @Test
  void a_new_payment_tells_the_holders_open_pages_that_the_balance_changed() throws Exception {
    try (iok.support.SseClient stream = iok.support.SseClient.open(api, anna, null)) {
      ok(batch("payments", List.of(Map.of("id", "W-LIVE", "title", "T-1", "date", TODAY.toString(), "amount", "5.00"))));
      iok.support.SseClient.Message m = stream.next(3_000);
      assertThat(m).isNotNull();
      assertThat(m.event()).isEqualTo("finance.balance-changed");
      assertThat(m.data().getString("premisesId")).isEqualTo("P-1");
    }
  }

  @Test
  void a_members_file_and_loans_come_from_the_books_and_only_to_their_holder() {
    ok(batch("membership", List.of(Map.of("id", "M-1", "login", annaLogin.login(), "number", "1234/PR",
        "joined", "1998-04-01", "shares", "2", "shareValue", "100.00"))));
    ok(batch("contributions", List.of(
        Map.of("id", "WK-1", "member", "M-1", "kind", "wkład mieszkaniowy", "premises", "P-1", "date", "1998-05-01",
            "amount", "12500.00"),
        Map.of("id", "WK-2", "member", "M-1", "kind", "wkład budowlany", "date", "1999-05-01", "amount", "3200.50"))));
    ok(batch("loans", List.of(Map.of("id", "K-1", "login", annaLogin.login(), "name", "Termomodernizacja budynku B-7",
        "principal", "8000.00", "balance", "5200.00", "asOf", "2026-10-31", "rate", "3.5%"))));
    ok(batch("installments", List.of(
        Map.of("id", "R-1", "loan", "K-1", "dueDate", "2026-10-15", "amount", "200.00", "paidOn", "2026-10-12"),
        Map.of("id", "R-2", "loan", "K-1", "dueDate", "2026-11-15", "amount", "200.00"))));
    // the installment paid later is sent again with its payment date: changed, not duplicated
    JsonObject again = ok(batch("installments", List.of(
        Map.of("id", "R-2", "loan", "K-1", "dueDate", "2026-11-15", "amount", "200.00", "paidOn", "2026-11-14"))));
    assertThat(again.getInteger("recorded")).isEqualTo(1);

    JsonObject seen = Eventually.await(() -> new JsonObject()
            .put("membership", api.get("/api/membership", anna).json())
            .put("loans", api.get("/api/loans", anna).json()),
        s -> {
          JsonObject m1 = memberFile(s.getJsonObject("membership"), "M-1");
          JsonArray loanList = s.getJsonObject("loans").getJsonArray("loans");
          return m1 != null && m1.getJsonArray("contributions").size() == 2 && !loanList.isEmpty()
              && loanList.getJsonObject(0).getJsonArray("schedule").size() == 2
              && loanList.getJsonObject(0).getJsonArray("schedule").getJsonObject(1).getString("paidOn") != null;
        }, Duration.ofSeconds(5));
    JsonObject membership = seen.getJsonObject("membership");
    JsonObject loans = seen.getJsonObject("loans");
    JsonObject file = memberFile(membership, "M-1");
    assertThat(file.getString("number")).isEqualTo("1234/PR");
    assertThat(file.getString("contributionsTotal")).isEqualTo("15700.50");
    JsonObject loan = loans.getJsonArray("loans").getJsonObject(0);
    assertThat(loan.getString("balance")).isEqualTo("5200.00");
    assertThat(loan.getJsonArray("schedule")).hasSize(2);
    assertThat(loan.getJsonArray("schedule").getJsonObject(1).getString("paidOn")).isEqualTo("2026-11-14");
    assertThat(memberFile(api.get("/api/membership", jan).json(), "M-1")).as("not jan's").isNull();
    assertThat(api.get("/api/loans", jan).json().getJsonArray("loans")).isEmpty();
    Response unknownMember = batch("contributions", List.of(Map.of("id", "WK-9", "member", "M-404", "kind", "x",
        "date", "2020-01-01", "amount", "1.00")));
    assertThat(unknownMember.status()).isEqualTo(422);
  }

  static JsonObject memberFile(JsonObject membership, String memberId) {
    return membership.getJsonArray("memberships").stream().map(JsonObject.class::cast)
        .filter(m -> m.getString("memberId").equals(memberId)).findFirst().orElse(null);
  }

  @Test
  void buildings_come_first_and_premises_must_name_one() {
    List<Map<String, String>> buildings = List.of(Map.of("id", "B-20", "address", "ul. Polna 20"),
        Map.of("id", "B-21", "address", "ul. Polna 21", "community", "Wspólnota Polna 21"));
    assertThat(ok(batch("buildings", buildings)).getInteger("recorded")).isEqualTo(2);
    assertThat(ok(batch("buildings", buildings)).getInteger("recorded")).isZero();
    Response orphan = batch("premises", List.of(Map.of("id", "P-20", "building", "B-404", "address", "ul. Polna 20",
        "number", "1", "kind", "garage", "area", "18.00")));
    assertThat(orphan.status()).isEqualTo(422);
    assertThat(orphan.json().getJsonObject("details").getJsonArray("rows").getJsonObject(0).getString("field"))
        .isEqualTo("building");
    ok(batch("premises", List.of(Map.of("id", "P-20", "building", "B-20", "address", "ul. Polna 20", "number", "1",
        "kind", "garage", "area", "18.00"))));
  }

  @Test
  void a_batch_with_bad_rows_is_refused_whole_naming_every_row_and_field() {
    long before = node.allEvents();
    Response r = batch("charges", List.of(
        Map.of("id", "OK-1", "title", "T-1", "component", "woda zimna", "month", "2026-01", "dueDate", "2026-01-10",
            "amount", "10.00"),
        Map.of("id", "BAD-1", "title", "T-404", "component", "woda zimna", "month", "2026-13", "dueDate", "2026-01-10",
            "amount", "10,00"),
        Map.of("id", "OK-1", "title", "T-1", "component", "c.o.", "month", "2026-01", "dueDate", "2026-01-10",
            "amount", "1.00")));
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.error()).isEqualTo("import_refused");
    List<String> problems = r.json().getJsonObject("details").getJsonArray("rows").stream()
        .map(o -> ((JsonObject) o).getInteger("line") + ":" + ((JsonObject) o).getString("field")).toList();
    assertThat(problems).containsExactlyInAnyOrder("2:title", "2:month", "2:amount", "3:id");
    assertThat(node.allEvents()).isEqualTo(before);
  }

  @Test
  void csv_batches_are_read_with_their_line_numbers() {
    String csv = "id,title,date,amount,source\nW-CSV-1,T-1,2026-02-03,12.34,bank\nW-CSV-2,T-1,2026-02-30,1.00,bank\n";
    Response refused = api.postRaw("/api/admin/import/payments", admin, csv, "text/csv");
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().getJsonObject("details").getJsonArray("rows").getJsonObject(0).getInteger("line")).isEqualTo(3);
    Response accepted = api.postRaw("/api/admin/import/payments", admin, csv.replace("2026-02-30", "2026-02-28"), "text/csv");
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    assertThat(accepted.json().getInteger("recorded")).isEqualTo(2);
  }

  @Test
  void copies_of_a_batch_sent_at_once_and_again_in_another_order_book_each_payment_once() throws Exception {
    List<Map<String, String>> payments = List.of(
        Map.of("id", "W-21", "title", "T-1", "date", "2026-02-03", "amount", "21.00"),
        Map.of("id", "W-22", "title", "T-1", "date", "2026-02-04", "amount", "22.00"),
        Map.of("id", "W-23", "title", "T-1", "date", "2026-02-05", "amount", "23.00"));
    List<java.util.concurrent.Future<Response>> copies = new java.util.ArrayList<>();
    try (var senders = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 4; i++) copies.add(senders.submit(() -> batch("payments", payments)));
    }
    int recorded = 0;
    for (var copy : copies) {
      Response r = copy.get();
      // a copy that met another in the same ledger at the same moment is told to try again, and changed nothing
      assertThat(r.status()).as(r.body()).isIn(200, 409);
      if (r.status() == 200) recorded += r.json().getInteger("recorded");
    }
    assertThat(recorded).as("the copies together booked each payment once").isEqualTo(3);
    JsonObject reordered = ok(batch("payments", List.of(payments.get(2), payments.get(0), payments.get(1))));
    assertThat(reordered.getInteger("recorded")).isZero();
    assertThat(reordered.getInteger("unchanged")).isEqualTo(3);
    for (String id : List.of("W-21", "W-22", "W-23")) {
      assertThat(node.count("SELECT count(*) FROM domainevententry"
          + " WHERE payloadtype LIKE '%$PaymentMade' AND payload::jsonb ->> 'entryId' = ?", id))
          .as(id).isEqualTo(1);
    }
  }

  @Test
  void a_booked_entry_sent_again_with_other_values_is_refused() {
    ok(batch("interest", List.of(Map.of("id", "I-1", "title", "T-1", "date", "2026-03-01", "amount", "1.11"))));
    Response r = batch("interest", List.of(Map.of("id", "I-1", "title", "T-1", "date", "2026-03-01", "amount", "2.22")));
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().getJsonObject("details").getJsonArray("rows").getJsonObject(0).getInteger("line")).isEqualTo(1);
  }

  @Test
  void nobody_sees_premises_or_ledgers_that_are_not_theirs_and_cooperatives_never_mix() {
    assertThat(api.get("/api/finance/P-1/ledger", jan).status()).isEqualTo(404);
    assertThat(api.get("/api/finance/P-404/ledger", anna).status()).isEqualTo(404);
    assertThat(api.get("/api/premises", jan).json().getJsonArray("premises").stream()
        .map(p -> ((JsonObject) p).getString("premisesId"))).doesNotContain("P-1");
    Response foreign = api.post("/api/admin/import/charges", opoleAdmin, new JsonObject().put("rows", new JsonArray()
        .add(new JsonObject().put("id", "X-1").put("title", "T-1").put("component", "x").put("month", "2026-01")
            .put("dueDate", "2026-01-10").put("amount", "1.00"))).encode());
    assertThat(foreign.status()).isEqualTo(422);
    assertThat(foreign.json().getJsonObject("details").getJsonArray("rows").getJsonObject(0).getString("field")).isEqualTo("title");
    assertThat(api.post("/api/admin/import/charges", anna, "{\"rows\":[]}").status()).isEqualTo(403);
  }

  @Test
  void a_premises_changing_hands_mid_month_gives_each_holder_their_own_ledger() {
    LocalDate handover = THIS_MONTH.minusMonths(1).atDay(15);
    ok(batch("premises", List.of(Map.of("id", "P-3", "building", "B-3", "address", "ul. Dworcowa 9", "number", "3",
        "kind", "flat", "area", "44.00"))));
    ok(batch("titles", List.of(
        Map.of("id", "T-3A", "premises", "P-3", "login", annaLogin.login(), "kind", "tenancy", "from", "2024-01-01",
            "until", handover.toString()),
        Map.of("id", "T-3B", "premises", "P-3", "login", janLogin.login(), "kind", "tenancy",
            "from", handover.plusDays(1).toString()))));
    String month = THIS_MONTH.minusMonths(1).toString();
    ok(batch("charges", List.of(
        Map.of("id", "C-3A", "title", "T-3A", "component", "czynsz", "month", month, "dueDate", handover.minusDays(5).toString(),
            "amount", "200.00"),
        Map.of("id", "C-3B", "title", "T-3B", "component", "czynsz", "month", month, "dueDate",
            handover.plusDays(5).toString(), "amount", "210.00"))));
    awaitBalance(jan, "P-3", "210.00");
    assertThat(Eventually.await(() -> balanceOf(anna, "P-3"), b -> b == null, Duration.ofSeconds(5)))
        .as("anna's title ended: not among her premises today").isNull();
    JsonArray annasEntries = Eventually.await(() -> api.get("/api/finance/P-3/ledger", anna).json().getJsonArray("entries"),
        e -> !e.isEmpty(), Duration.ofSeconds(5));
    assertThat(annasEntries).extracting(e -> ((JsonObject) e).getString("entryId")).containsExactly("C-3A");
    JsonArray jansEntries = api.get("/api/finance/P-3/ledger", jan).json().getJsonArray("entries");
    assertThat(jansEntries).extracting(e -> ((JsonObject) e).getString("entryId")).containsExactly("C-3B");
    JsonArray history = Eventually.await(() -> api.get("/api/premises", anna).json().getJsonArray("history"),
        h -> h.stream().anyMatch(p -> ((JsonObject) p).getString("premisesId").equals("P-3")), Duration.ofSeconds(5));
    assertThat(history.stream().map(p -> ((JsonObject) p).getString("premisesId"))).contains("P-3");
  }

  @Test
  void a_batch_of_ten_thousand_rows_is_accepted() {
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      rows.add(Map.of("id", "BIG-" + i, "title", "T-1", "component", "woda zimna", "month", "2025-01",
          "dueDate", "2025-01-10", "amount", "0.01"));
    }
    JsonObject result = ok(batch("charges", rows));
    assertThat(result.getInteger("recorded")).isEqualTo(10_000);
    JsonObject ledger = Eventually.await(() -> api.get("/api/finance/P-1/ledger?size=1", anna).json(),
        l -> l.getLong("total") >= 10_000, Duration.ofSeconds(20));
    assertThat(ledger.getLong("total")).isGreaterThanOrEqualTo(10_000);
  }
}
