package iok.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import iok.demo.DemoSeed;
import iok.support.ApiClient;
import iok.support.ApiClient.Response;
import iok.support.TestIok;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Accounts and access over HTTP against a real node and a real PostgreSQL, as residents and staff use them. */
class AccessJourneyTest {

  static TestIok node;
  static ApiClient api;
  static String prudnikAdmin;
  static String opoleAdmin;
  static String prudnikAuditor;

  @BeforeAll
  static void start() {
    node = TestIok.start();
    api = node.client();
    prudnikAdmin = api.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
    opoleAdmin = api.login("sm-opole", "admin", TestIok.ADMIN_PASSWORD);
    prudnikAuditor = api.login("sm-prudnik", "auditor", TestIok.AUDITOR_PASSWORD);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static Response login(String coop, String login, String password) {
    return api.post("/api/auth/login", null, Map.of("cooperative", coop, "login", login, "password", password));
  }

  @Test
  void a_registered_resident_is_led_through_a_new_password_and_the_regulations_before_anything_else() {
    JsonObject registered = api.register(prudnikAdmin, "Ewa", "Lis");
    String loginName = registered.getString("login");
    String initial = registered.getString("initialPassword");

    Response first = login("sm-prudnik", loginName, initial);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().getBoolean("mustChangePassword")).isTrue();
    assertThat(first.json().getBoolean("mustAcceptRegulations")).isTrue();
    assertThat(first.headers().allValues("Set-Cookie")).anySatisfy(c ->
        assertThat(c).contains("iok_session=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict"));
    String token = first.json().getString("accessToken");

    assertThat(api.get("/api/admin/accounts", token).error()).isEqualTo("password_change_required");
    assertThat(api.get("/api/me", token).json().getString("login")).isEqualTo(loginName);

    Response weak = api.post("/api/auth/password", token, Map.of("currentPassword", initial, "newPassword", "łatwe"));
    assertThat(weak.status()).isEqualTo(422);
    assertThat(weak.json().getJsonObject("details").getJsonArray("violations").getList())
        .contains("digit_required", "upper_case_required", "letters_and_digits_only");

    assertThat(api.post("/api/auth/password", token, Map.of("currentPassword", initial, "newPassword", "Nowe1Haslo")).status())
        .isEqualTo(204);
    assertThat(api.get("/api/me", token).json().getBoolean("mustChangePassword")).isFalse();
    assertThat(api.get("/api/admin/accounts", token).error()).isEqualTo("regulations_acceptance_required");

    JsonObject regulations = api.get("/api/regulations/current", token).json();
    assertThat(regulations.getString("text")).contains("Internetowa Obsługa Kontrahenta");
    assertThat(api.post("/api/regulations/accept", token, Map.of("version", "1999-old")).status()).isEqualTo(409);
    assertThat(api.post("/api/regulations/accept", token, Map.of("version", regulations.getString("version"))).status())
        .isEqualTo(204);
    JsonObject me = api.get("/api/me", token).json();
    assertThat(me.getBoolean("mustAcceptRegulations")).isFalse();
    // a resident is past the forced steps now: an admin-only route says "forbidden", not "do the steps"
    assertThat(api.get("/api/admin/accounts", token).error()).isEqualTo("forbidden");

    // the old password no longer opens the account; the new one does, with nothing forced
    assertThat(login("sm-prudnik", loginName, initial).status()).isEqualTo(401);
    Response again = login("sm-prudnik", loginName, "Nowe1Haslo");
    assertThat(again.json().getBoolean("mustChangePassword")).isFalse();
    assertThat(again.json().getBoolean("mustAcceptRegulations")).isFalse();
  }

  @Test
  void a_new_regulations_version_must_be_accepted_again() {
    DemoSeed.Credential opole = node.resident("sm-opole", 0);
    String token = api.readyResident("sm-opole", opole.login(), opole.password(), "nowehaslo7");
    assertThat(api.post("/api/admin/regulations", opoleAdmin, Map.of("version", "2026-journey", "text", "Nowe zasady")).status())
        .isEqualTo(201);
    assertThat(api.get("/api/me", token).json().getBoolean("mustAcceptRegulations")).isTrue();
    assertThat(api.post("/api/regulations/accept", token, Map.of("version", "2026-journey")).status()).isEqualTo(204);
    assertThat(api.get("/api/me", token).json().getBoolean("mustAcceptRegulations")).isFalse();
    assertThat(api.post("/api/admin/regulations", opoleAdmin, Map.of("version", "2026-journey", "text", "x")).status())
        .isEqualTo(409);
  }

  @Test
  void three_wrong_passwords_lock_the_account_until_an_administrator_unlocks_it() {
    JsonObject r = api.register(prudnikAdmin, "Adam", "Zamek");
    String loginName = r.getString("login");
    String password = r.getString("initialPassword");

    assertThat(login("sm-prudnik", loginName, "wrong-1").json().getJsonObject("details").getInteger("remainingAttempts"))
        .isEqualTo(2);
    assertThat(login("sm-prudnik", loginName, "wrong-2").json().getJsonObject("details").getInteger("remainingAttempts"))
        .isEqualTo(1);
    Response third = login("sm-prudnik", loginName, "wrong-3");
    assertThat(third.status()).isEqualTo(401);
    assertThat(third.json().getJsonObject("details").getInteger("remainingAttempts")).isZero();

    Response refused = login("sm-prudnik", loginName, password);
    assertThat(refused.status()).isEqualTo(423);
    assertThat(refused.error()).isEqualTo("account_locked");

    assertThat(api.post("/api/admin/accounts/" + r.getString("accountId") + "/unlock", prudnikAdmin, null).status())
        .isEqualTo(204);
    assertThat(login("sm-prudnik", loginName, password).status()).isEqualTo(200);
  }

  @Test
  void twenty_concurrent_wrong_attempts_leave_exactly_one_lock_and_every_attempt_recorded() throws Exception {
    JsonObject r = api.register(prudnikAdmin, "Olga", "Tłum");
    String accountId = r.getString("accountId");
    String loginName = r.getString("login");
    int attempts = 20;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(attempts)) {
      for (int i = 0; i < attempts; i++) {
        int n = i;
        answers.add(pool.submit((Callable<Integer>) () -> {
          start.await();
          return login("sm-prudnik", loginName, "wrong-" + n).status();
        }));
      }
      start.countDown();
      for (Future<Integer> answer : answers) assertThat(answer.get()).isEqualTo(401);
    }
    assertThat(node.events(accountId, "AccountLocked")).isEqualTo(1);
    assertThat(node.events(accountId, "LoginFailed")).isEqualTo(attempts);
    assertThat(login("sm-prudnik", loginName, r.getString("initialPassword")).status()).isEqualTo(423);
  }

  @Test
  void an_account_with_a_long_history_is_loaded_from_a_snapshot_with_its_state_intact() throws Exception {
    JsonObject r = api.register(prudnikAdmin, "Stefan", "Wytrwały");
    String id = r.getString("accountId");
    for (int i = 0; i < 105; i++) login("sm-prudnik", r.getString("login"), "zle-" + i);
    try (var c = node.iok().database().dataSource().getConnection();
         var s = c.prepareStatement("SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?")) {
      s.setString(1, id);
      try (var rs = s.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).as("a snapshot was taken").isPositive();
      }
    }
    // the state read back through the snapshot: still locked, the password still the initial one
    assertThat(login("sm-prudnik", r.getString("login"), r.getString("initialPassword")).status()).isEqualTo(423);
    assertThat(api.post("/api/admin/accounts/" + id + "/unlock", prudnikAdmin, null).status()).isEqualTo(204);
    Response in = login("sm-prudnik", r.getString("login"), r.getString("initialPassword"));
    assertThat(in.status()).isEqualTo(200);
    assertThat(in.json().getBoolean("mustChangePassword")).isTrue();
    // and the auditor still sees the whole history, from the first event, not from the snapshot
    JsonArray events = api.get("/api/audit/accounts/" + id + "/events", prudnikAuditor).json().getJsonArray("events");
    assertThat(events.getJsonObject(0).getString("type")).isEqualTo("AccountRegistered");
    assertThat(events).hasSizeGreaterThan(105);
  }

  @Test
  void an_unknown_login_answers_exactly_as_a_wrong_password_does() {
    JsonObject r = api.register(prudnikAdmin, "Piotr", "Prawdziwy");
    Response wrongPassword = login("sm-prudnik", r.getString("login"), "Zle1haslo");
    Response unknownLogin = login("sm-prudnik", "99999999", "Zle1haslo");
    Response unknownCooperative = login("sm-nowhere", "99999998", "Zle1haslo");
    assertThat(unknownLogin.status()).isEqualTo(wrongPassword.status()).isEqualTo(401);
    assertThat(unknownLogin.body()).isEqualTo(wrongPassword.body());
    assertThat(unknownCooperative.body()).isEqualTo(wrongPassword.body());
  }

  @Test
  void locking_blocking_and_password_changes_end_the_other_sessions_at_once() {
    JsonObject r = api.register(prudnikAdmin, "Marek", "Sesja");
    String id = r.getString("accountId");
    String phone = api.readyResident("sm-prudnik", r.getString("login"), r.getString("initialPassword"), "Haslo1Nowe");
    String laptop = api.login("sm-prudnik", r.getString("login"), "Haslo1Nowe");

    // the phone changes the password: the phone goes on, the laptop is signed out
    assertThat(api.post("/api/auth/password", phone, Map.of("currentPassword", "Haslo1Nowe", "newPassword", "Haslo2Nowe"))
        .status()).isEqualTo(204);
    assertThat(api.get("/api/me", phone).status()).isEqualTo(200);
    assertThat(api.get("/api/me", laptop).status()).isEqualTo(401);

    // a block ends every session and refuses a correct password
    String tablet = api.login("sm-prudnik", r.getString("login"), "Haslo2Nowe");
    assertThat(api.post("/api/admin/accounts/" + id + "/block", prudnikAdmin, Map.of("reason", "utrata tytułu do lokalu"))
        .status()).isEqualTo(204);
    assertThat(api.get("/api/me", phone).status()).isEqualTo(401);
    assertThat(api.get("/api/me", tablet).status()).isEqualTo(401);
    Response blocked = login("sm-prudnik", r.getString("login"), "Haslo2Nowe");
    assertThat(blocked.status()).isEqualTo(403);
    assertThat(blocked.error()).isEqualTo("account_blocked");
    assertThat(api.post("/api/admin/accounts/" + id + "/unblock", prudnikAdmin, null).status()).isEqualTo(204);
    String desk = api.login("sm-prudnik", r.getString("login"), "Haslo2Nowe");

    // three wrong attempts by someone else lock it: the signed-in session ends too
    for (int i = 0; i < 3; i++) login("sm-prudnik", r.getString("login"), "nie-to-" + i);
    assertThat(api.get("/api/me", desk).status()).isEqualTo(401);

    // a new password from the administrator lifts the lock and forces a change again
    Response reset = api.post("/api/admin/accounts/" + id + "/reset-password", prudnikAdmin, null);
    assertThat(reset.status()).isEqualTo(200);
    Response fresh = login("sm-prudnik", r.getString("login"), reset.json().getString("initialPassword"));
    assertThat(fresh.status()).isEqualTo(200);
    assertThat(fresh.json().getBoolean("mustChangePassword")).isTrue();
  }

  @Test
  void an_unlock_lifts_only_the_lock_and_never_a_block() {
    JsonObject r = api.register(prudnikAdmin, "Bogna", "Podwójna");
    String id = r.getString("accountId");
    assertThat(api.post("/api/admin/accounts/" + id + "/block", prudnikAdmin, Map.of("reason", "nadużycie")).status())
        .isEqualTo(204);
    for (int i = 0; i < 3; i++) login("sm-prudnik", r.getString("login"), "zle-" + i);
    assertThat(api.post("/api/admin/accounts/" + id + "/unlock", prudnikAdmin, null).status()).isEqualTo(204);
    JsonObject listed = api.get("/api/admin/accounts?q=Podwójna", prudnikAdmin).json().getJsonArray("accounts").getJsonObject(0);
    assertThat(listed.getString("status")).isEqualTo("blocked");
    assertThat(login("sm-prudnik", r.getString("login"), r.getString("initialPassword")).error()).isEqualTo("account_blocked");
  }

  @Test
  void an_id_that_names_a_cooperative_is_not_an_account() {
    for (String action : List.of("unlock", "unblock", "reset-password")) {
      assertThat(api.post("/api/admin/accounts/sm-prudnik/" + action, prudnikAdmin, null).status()).as(action).isEqualTo(404);
    }
    assertThat(api.get("/api/audit/accounts/sm-prudnik/events", prudnikAuditor).status()).isEqualTo(404);
  }

  @Test
  void signing_out_ends_the_session() {
    String token = api.login("sm-prudnik", "auditor", TestIok.AUDITOR_PASSWORD);
    assertThat(api.get("/api/me", token).status()).isEqualTo(200);
    assertThat(api.post("/api/auth/logout", token, null).status()).isEqualTo(204);
    assertThat(api.get("/api/me", token).status()).isEqualTo(401);
    assertThat(api.get("/api/me", prudnikAuditor).status()).isEqualTo(200);
  }

  @Test
  void one_cooperatives_staff_can_do_nothing_to_anothers_accounts() {
    JsonObject prudnikResident = api.register(prudnikAdmin, "Zofia", "Obca");
    String id = prudnikResident.getString("accountId");
    String opoleAuditor = api.login("sm-opole", "auditor", TestIok.AUDITOR_PASSWORD);
    long before = node.allEvents();
    for (String action : List.of("unlock", "unblock", "reset-password")) {
      Response r = api.post("/api/admin/accounts/" + id + "/" + action, opoleAdmin, null);
      assertThat(r.status()).as(action).isEqualTo(404);
    }
    assertThat(api.post("/api/admin/accounts/" + id + "/block", opoleAdmin, Map.of("reason", "x")).status()).isEqualTo(404);
    assertThat(api.get("/api/audit/accounts/" + id + "/events", opoleAuditor).status()).isEqualTo(404);
    JsonArray opoleAccounts = api.get("/api/admin/accounts?q=Obca", opoleAdmin).json().getJsonArray("accounts");
    assertThat(opoleAccounts).isEmpty();
    assertThat(node.allEvents()).isEqualTo(before);
    // and a resident cannot use staff routes at all
    DemoSeed.Credential resident = node.resident("sm-prudnik", 1);
    String residentToken = api.readyResident("sm-prudnik", resident.login(), resident.password(), "Mieszk4niec");
    assertThat(api.post("/api/admin/accounts/" + id + "/unlock", residentToken, null).status()).isEqualTo(403);
    assertThat(api.get("/api/audit/accounts/" + id + "/events", residentToken).status()).isEqualTo(403);
  }

  @Test
  void an_auditor_reads_the_whole_history_with_who_did_what_and_in_which_request() {
    JsonObject r = api.register(prudnikAdmin, "Halina", "Historia");
    String id = r.getString("accountId");
    login("sm-prudnik", r.getString("login"), "zle");
    var block = api.builder("/api/admin/accounts/" + id + "/block", prudnikAdmin)
        .header("Content-Type", "application/json").header("X-Request-Id", "audit-trail-42")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"reason\":\"nadużycie\"}")).build();
    assertThat(api.send(block).status()).isEqualTo(204);

    Response history = api.get("/api/audit/accounts/" + id + "/events", prudnikAuditor);
    assertThat(history.status()).isEqualTo(200);
    JsonArray events = history.json().getJsonArray("events");
    assertThat(events.stream().map(e -> ((JsonObject) e).getString("type")))
        .containsExactly("AccountRegistered", "LoginFailed", "AccountBlocked");
    JsonObject registered = events.getJsonObject(0);
    assertThat(registered.getLong("sequence")).isZero();
    assertThat(registered.getJsonObject("actor").getString("role")).isEqualTo("admin");
    assertThat(registered.getJsonObject("actor").getString("login")).isEqualTo("admin");
    assertThat(registered.getJsonObject("payload").containsKey("passwordHash")).isFalse();
    assertThat(registered.getString("occurredAt")).matches("\\d{4}-\\d\\d-\\d\\dT.*");
    assertThat(events.getJsonObject(1).getJsonObject("actor").getString("role")).isEqualTo("anonymous");
    JsonObject blocked = events.getJsonObject(2);
    assertThat(blocked.getString("requestId")).isEqualTo("audit-trail-42");
    assertThat(blocked.getJsonObject("payload").getString("reason")).isEqualTo("nadużycie");
    assertThat(api.get("/api/audit/accounts/" + id + "/events", prudnikAdmin).status()).isEqualTo(403);
  }
}
