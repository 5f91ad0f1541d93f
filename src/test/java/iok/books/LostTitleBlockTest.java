package iok.books;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import iok.platform.config.Config.DbUrl;
import iok.support.ApiClient;
import iok.support.TestDatabase;
import iok.support.TestIok;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * R6, P III.11: an account is blocked 30 days after its holder lost the last title. The clock is not
 * waited on: the books date the titles, so a title that ended 40 days ago makes the deadline due now.
 */
class LostTitleBlockTest {

  static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Warsaw"));

  record Resident(String accountId, String login, String password) {}

  static Resident withTitle(ApiClient api, String admin, String premises, LocalDate until) {
    JsonObject r = api.post("/api/admin/accounts", admin, Map.of("firstName", "Tytus", "lastName", "Utracony-" + premises))
        .json();
    ok(api.post("/api/admin/import/premises", admin, rows(new JsonObject().put("id", premises).put("building", "B-3")
        .put("address", "ul. Krótka 1").put("number", premises).put("kind", "flat").put("area", "30.00"))));
    JsonObject title = new JsonObject().put("id", "T-" + premises).put("premises", premises).put("login", r.getString("login"))
        .put("kind", "tenancy").put("from", "2019-01-01");
    if (until != null) title.put("until", until.toString());
    ok(api.post("/api/admin/import/titles", admin, rows(title)));
    return new Resident(r.getString("accountId"), r.getString("login"), r.getString("initialPassword"));
  }

  static String rows(JsonObject... rows) {
    return new JsonObject().put("rows", new JsonArray(java.util.List.of((Object[]) rows))).encode();
  }

  static void ok(ApiClient.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  static String loginAnswer(ApiClient api, Resident r) {
    ApiClient.Response answer = api.post("/api/auth/login", null,
        Map.of("cooperative", "sm-prudnik", "login", r.login(), "password", r.password()));
    return answer.status() == 200 ? "ok" : answer.error();
  }

  static String awaitLoginAnswer(ApiClient api, Resident r, String expected) {
    return iok.support.Eventually.await(() -> loginAnswer(api, r), expected::equals, java.time.Duration.ofSeconds(15));
  }

  static long scheduledFor(TestIok node, String accountId) throws Exception {
    try (Connection c = node.iok().database().dataSource().getConnection();
         PreparedStatement s = c.prepareStatement(
             "SELECT count(*) FROM scheduled_tasks WHERE position(convert_to(?, 'UTF8') IN task_data) > 0")) {
      s.setString(1, accountId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void losing_the_last_title_blocks_the_account_thirty_days_later_and_the_auditor_sees_why() throws Exception {
    try (TestIok node = TestIok.start()) {
      ApiClient api = node.client();
      String admin = api.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
      Resident gone = withTitle(api, admin, "LT-1", TODAY.minusDays(40));
      Resident recent = withTitle(api, admin, "LT-2", TODAY.minusDays(10));
      assertThat(awaitLoginAnswer(api, gone, "account_blocked")).isEqualTo("account_blocked");
      assertThat(loginAnswer(api, recent)).as("only 10 days since: not yet").isEqualTo("ok");
      assertThat(scheduledFor(node, recent.accountId())).isEqualTo(1);

      String auditor = api.login("sm-prudnik", "auditor", TestIok.AUDITOR_PASSWORD);
      JsonArray events = api.get("/api/audit/accounts/" + gone.accountId() + "/events", auditor).json().getJsonArray("events");
      JsonObject blocked = events.stream().map(JsonObject.class::cast).filter(e -> e.getString("type").equals("AccountBlocked"))
          .findFirst().orElseThrow();
      assertThat(blocked.getJsonObject("payload").getString("reason")).contains("P III.11");
      assertThat(blocked.getJsonObject("actor").getString("role")).isEqualTo("system");
    }
  }

  @Test
  void a_new_title_before_the_deadline_cancels_the_block() throws Exception {
    try (TestIok node = TestIok.start()) {
      ApiClient api = node.client();
      String admin = api.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
      Resident moving = withTitle(api, admin, "NT-1", TODAY.minusDays(5));
      assertThat(scheduledFor(node, moving.accountId())).isEqualTo(1);
      ok(api.post("/api/admin/import/premises", admin, rows(new JsonObject().put("id", "NT-2").put("building", "B-3")
          .put("address", "ul. Nowa 2").put("number", "2").put("kind", "flat").put("area", "40.00"))));
      ok(api.post("/api/admin/import/titles", admin, rows(new JsonObject().put("id", "T-NT-2").put("premises", "NT-2")
          .put("login", moving.login()).put("kind", "tenancy").put("from", TODAY.toString()))));
      assertThat(scheduledFor(node, moving.accountId())).isZero();
      assertThat(loginAnswer(api, moving)).isEqualTo("ok");
    }
  }

  @Test
  void a_block_due_while_the_application_was_down_fires_after_the_restart() throws Exception {
    DbUrl db = TestDatabase.fresh();
    Resident gone;
    try (TestIok first = TestIok.start(db, Map.of("IOK_SCHEDULER_POLL_SECONDS", "3600"))) {
      ApiClient api = first.client();
      String admin = api.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
      gone = withTitle(api, admin, "RT-1", TODAY.minusDays(45));
      assertThat(scheduledFor(first, gone.accountId())).isEqualTo(1);
      assertThat(loginAnswer(api, gone)).as("this node does not poll before it stops").isEqualTo("ok");
    }
    try (TestIok second = TestIok.start(db, Map.of())) {
      assertThat(awaitLoginAnswer(second.client(), gone, "account_blocked")).isEqualTo("account_blocked");
    }
  }
}
