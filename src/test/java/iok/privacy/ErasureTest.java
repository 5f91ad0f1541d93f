package iok.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import iok.support.ApiClient;
import iok.support.ApiClient.FilePart;
import iok.support.ApiClient.Response;
import iok.support.DemoCooperative;
import iok.support.Eventually;
import iok.support.TestIok;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Erasure (R18, P V.3): a resident with a name, contact data, a fault, correspondence and a ledger is closed and
 * erased. Afterwards no table of the database holds their name, e-mail or phone in clear text; the books are
 * exactly as they were; the hash chain still verifies; and the auditor sees the person as erased.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ErasureTest {

  static final String FIRST = "Eufemia";
  static final String LAST = "Wątróbczana";
  static final String EMAIL = "eufemia.w@example.org";
  static final String PHONE = "+48 698 765 432";
  static final List<String> PERSONAL = List.of(FIRST, LAST, "bczana", EMAIL, PHONE, "698 765 432");

  static TestIok node;
  static ApiClient api;
  static String admin;
  static String auditor;
  static String accountId;
  static String login;
  static String faultId;
  static String threadId;
  static Instant paid;

  @BeforeAll
  static void story() throws Exception {
    node = TestIok.start();
    api = node.client();
    admin = DemoCooperative.prudnik(node, api).admin();
    auditor = api.login("sm-prudnik", "auditor", TestIok.AUDITOR_PASSWORD);
    LocalDate today = LocalDate.now(ZoneId.of("Europe/Warsaw"));

    JsonObject r = api.register(admin, FIRST, LAST);
    accountId = r.getString("accountId");
    login = r.getString("login");
    String resident = api.readyResident("sm-prudnik", login, r.getString("initialPassword"), "Eufemia2026X");
    assertThat(api.put("/api/profile/contact", resident, new JsonObject().put("email", EMAIL).put("phone", PHONE).encode())
        .status()).isEqualTo(204);

    ok(api.importRows("premises", admin, List.of(Map.of("id", "P-ER", "building", "B-3", "address", "ul. Zapomniana 1",
        "number", "7", "kind", "flat", "area", "40.00"))));
    ok(api.importRows("titles", admin, List.of(title(null))));
    ok(api.importRows("charges", admin, List.of(Map.of("id", "C-ER-1", "title", "T-ER", "component", "eksploatacja",
        "month", today.minusMonths(1).toString().substring(0, 7), "dueDate", today.minusMonths(1).withDayOfMonth(10).toString(),
        "amount", "310.40"))));
    ok(api.importRows("payments", admin, List.of(Map.of("id", "W-ER-1", "title", "T-ER", "date", today.minusDays(1).toString(),
        "amount", "300.00"))));
    String residentToken = resident;
    Eventually.await(() -> api.get("/api/finance", residentToken).json().getJsonArray("premises").size() == 1
        ? api.get("/api/finance", residentToken).json().getJsonArray("premises").getJsonObject(0).getString("balance") : "",
        "10.40"::equals, Duration.ofSeconds(5));
    paid = Instant.now();
    Thread.sleep(20);

    Response fault = api.postForm("/api/faults", resident, Map.of("premisesId", "P-ER", "title", "Cieknie u " + FIRST,
        "description", "Dzwońcie: " + PHONE + ", " + EMAIL + " — " + FIRST + " " + LAST),
        List.of(new FilePart("photos", "eufemia.png", "image/png", png())));
    assertThat(fault.status()).as(fault.body()).isEqualTo(201);
    faultId = fault.json().getString("faultId");
    assertThat(api.post("/api/faults/" + faultId + "/comments", resident, Map.of("text", "Pozdrawiam, " + LAST)).status())
        .isIn(200, 201, 204);
    Response written = api.post("/api/correspondence", resident, Map.of("subject", "Od " + FIRST + " " + LAST,
        "body", "Proszę o kontakt: " + EMAIL));
    assertThat(written.status()).as(written.body()).isEqualTo(201);
    threadId = written.json().getString("threadId");
    assertThat(api.post("/api/admin/correspondence/" + threadId + "/replies", admin,
        Map.of("body", "Pani " + LAST + ", oddzwonimy na " + PHONE)).status()).isIn(200, 201, 204);
  }

  static Map<String, String> title(String until) {
    Map<String, String> row = new TreeMap<>(Map.of("id", "T-ER", "premises", "P-ER", "login", login, "kind", "tenancy",
        "from", "2024-01-01"));
    if (until != null) row.put("until", until);
    return row;
  }

  static byte[] png() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", out);
    return out.toByteArray();
  }

  static void ok(Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static DataSource db() {
    return node.iok().database().dataSource();
  }

  /** Every place in the public schema (table.column) whose text, JSON or bytes contain the value. */
  static List<String> whereInClear(String value) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Connection c = db().getConnection()) {
      List<String[]> columns = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("""
          SELECT table_name, column_name, data_type FROM information_schema.columns
          WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb',
                                                          'bytea', 'ARRAY')""");
           ResultSet rs = s.executeQuery()) {
        while (rs.next()) columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
      }
      for (String[] col : columns) {
        String column = "\"" + col[1] + "\"";
        String test = col[2].equals("bytea") ? "position(convert_to(?, 'UTF8') IN " + column + ") > 0"
            : column + "::text ILIKE '%' || ? || '%'";
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM \"" + col[0] + "\" WHERE " + test)) {
          s.setString(1, value);
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            if (rs.getLong(1) > 0) found.add(col[0] + "." + col[1]);
          }
        }
      }
    }
    return found;
  }

  static String books() throws SQLException {
    StringBuilder books = new StringBuilder();
    try (Connection c = db().getConnection();
         PreparedStatement s = c.prepareStatement("""
             SELECT title_id, entry_id, kind, entry_date, amount, debt FROM ledger_entry ORDER BY title_id, entry_id""");
         ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        for (int i = 1; i <= 6; i++) books.append(rs.getString(i)).append(i == 6 ? "\n" : ";");
      }
    }
    try (Connection c = db().getConnection();
         PreparedStatement s = c.prepareStatement(
             "SELECT title_id, sum(debt) FROM ledger_entry GROUP BY title_id ORDER BY title_id");
         ResultSet rs = s.executeQuery()) {
      while (rs.next()) books.append(rs.getString(1)).append('=').append(rs.getString(2)).append('\n');
    }
    return books.toString();
  }

  static long count(String sql, String param) throws SQLException {
    try (Connection c = db().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, param);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static Response erase() {
    return api.post("/api/admin/accounts/" + accountId + "/erasure", admin, Map.of());
  }

  static void replay(String processor) {
    var processors = node.iok().axon().eventProcessingConfiguration();
    PooledStreamingEventProcessor p = processors.eventProcessor(processor, PooledStreamingEventProcessor.class)
        .orElseThrow();
    p.shutDown();
    p.resetTokens();
    p.start();
  }

  @Test
  @Order(1)
  void erasure_leaves_no_personal_value_in_clear_text_while_the_books_stay_exact_and_the_chain_verifies()
      throws Exception {
    assertThat(whereInClear(EMAIL)).as("the search finds what is there: the read models before erasure")
        .contains("account.email");
    assertThat(whereInClear(FIRST)).contains("account.first_name", "fault_view.description");
    assertThat(count("SELECT count(*) FROM domainevententry WHERE payload ILIKE '%' || ? || '%'", LAST))
        .as("events hold the person's data sealed from the start").isZero();

    String booksBefore = books();
    JsonObject asOfBefore = api.get("/api/audit/accounts/" + accountId + "/state?asOf=" + paid, auditor).json();

    Response open = erase();
    assertThat(open.status()).as(open.body()).isEqualTo(422);
    assertThat(open.json().getJsonObject("details").getString("reason")).isEqualTo("not_blocked");
    assertThat(api.post("/api/admin/accounts/" + accountId + "/block", admin,
        Map.of("reason", "Utrata tytułu: " + FIRST + " " + LAST)).status()).isEqualTo(204);
    Response holding = erase();
    assertThat(holding.status()).as(holding.body()).isEqualTo(422);
    assertThat(holding.json().getJsonObject("details").getString("reason")).isEqualTo("holds_title");

    LocalDate yesterday = LocalDate.now(ZoneId.of("Europe/Warsaw")).minusDays(1);
    ok(api.importRows("titles", admin, List.of(title(yesterday.toString()))));
    Eventually.await(() -> count("SELECT count(*) FROM title_view WHERE title_id = ? AND valid_until IS NOT NULL", "T-ER"),
        n -> n == 1, Duration.ofSeconds(5));

    Response erased = erase();
    assertThat(erased.status()).as(erased.body()).isEqualTo(204);
    assertThat(erase().status()).as("erased once").isEqualTo(409);

    // the projections scrub what they held; then nothing of the person is anywhere in clear text
    Eventually.await(() -> count("SELECT count(*) FROM letter_entry WHERE body ILIKE '%' || ? || '%'", LAST),
        n -> n == 0, Duration.ofSeconds(5));
    Eventually.await(() -> count("SELECT count(*) FROM fault_view WHERE description ILIKE '%' || ? || '%'", FIRST),
        n -> n == 0, Duration.ofSeconds(5));
    for (String value : PERSONAL) assertThat(whereInClear(value)).as(value).isEmpty();
    assertThat(count("SELECT count(*) FROM fault_photo_content WHERE fault_id = ?", faultId)).as("photo bytes").isZero();
    assertThat(count("SELECT count(*) FROM personal_key WHERE subject_id = ? AND data_key IS NULL", accountId)).isOne();

    assertThat(books()).as("every ledger entry and balance").isEqualTo(booksBefore);
    assertThat(api.get("/api/audit/accounts/" + accountId + "/state?asOf=" + paid, auditor).json())
        .as("the auditor's as-of state, balances included").isEqualTo(asOfBefore);
    JsonObject verified = api.get("/api/audit/verify", auditor).json();
    assertThat(verified.getBoolean("valid")).as(verified.encode()).isTrue();

    // rebuilt from the events, the read models come out scrubbed the same
    replay("accounts");
    replay("faults");
    replay("correspondence");
    Eventually.await(() -> count("SELECT count(*) FROM fault_view WHERE fault_id = ? AND description = '[usunięto]'",
        faultId), n -> n == 1, Duration.ofSeconds(10));
    Eventually.await(() -> count("SELECT count(*) FROM account WHERE account_id = ? AND erased", accountId),
        n -> n == 1, Duration.ofSeconds(10));
    for (String value : PERSONAL) assertThat(whereInClear(value)).as(value + " after a rebuild").isEmpty();
    assertThat(books()).isEqualTo(booksBefore);
  }

  @Test
  @Order(2)
  void the_auditor_and_the_administrator_see_the_person_as_erased() throws Exception {
    erasure_is_done();
    Response timeline = api.get("/api/audit/accounts/" + accountId + "/events", auditor);
    assertThat(timeline.status()).isEqualTo(200);
    for (String value : PERSONAL) assertThat(timeline.body()).as(value).doesNotContainIgnoringCase(value);
    JsonObject registered = timeline.json().getJsonArray("events").stream().map(JsonObject.class::cast)
        .filter(e -> e.getString("type").equals("AccountRegistered")).findFirst().orElseThrow().getJsonObject("payload");
    assertThat(registered.getString("firstName")).isEqualTo(PersonalData.ERASED);
    assertThat(registered.getString("lastName")).isEqualTo(PersonalData.ERASED);
    assertThat(registered.getString("email")).isNull();
    assertThat(registered.getString("login")).isEqualTo(login);
    assertThat(timeline.json().getJsonArray("events").stream().map(JsonObject.class::cast)
        .filter(e -> e.getString("type").equals("FaultReported")).findFirst().orElseThrow()
        .getJsonObject("payload").getString("description")).isEqualTo(PersonalData.ERASED);
    assertThat(timeline.body()).contains("AccountErased", "PaymentMade", "310.40");

    String export = api.get("/api/audit/accounts/" + accountId + "/export?format=csv", auditor).body();
    for (String value : PERSONAL) assertThat(export).as(value).doesNotContainIgnoringCase(value);
    assertThat(export).contains("AccountErased");

    JsonObject listed = api.get("/api/admin/accounts?q=" + login, admin).json().getJsonArray("accounts").getJsonObject(0);
    assertThat(listed.getString("status")).isEqualTo("erased");
    assertThat(listed.getString("lastName")).isEqualTo(PersonalData.ERASED);
    assertThat(api.post("/api/admin/accounts/" + accountId + "/unblock", admin, Map.of()).status()).isEqualTo(409);
  }

  /** The other test's story up to the erasure, whichever of them runs first. */
  static synchronized void erasure_is_done() throws Exception {
    if (count("SELECT count(*) FROM personal_key WHERE subject_id = ? AND data_key IS NULL", accountId) == 1) return;
    api.post("/api/admin/accounts/" + accountId + "/block", admin, Map.of("reason", "Zamknięte"));
    ok(api.importRows("titles", admin, List.of(title(LocalDate.now(ZoneId.of("Europe/Warsaw")).minusDays(1).toString()))));
    Eventually.await(() -> count("SELECT count(*) FROM title_view WHERE title_id = ? AND valid_until IS NOT NULL", "T-ER"),
        n -> n == 1, Duration.ofSeconds(5));
    assertThat(erase().status()).isEqualTo(204);
    Eventually.await(() -> count("SELECT count(*) FROM fault_view WHERE description ILIKE '%' || ? || '%'", FIRST),
        n -> n == 0, Duration.ofSeconds(5));
  }
}
