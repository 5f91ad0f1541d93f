package iok.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import iok.support.ApiClient;
import iok.support.ApiClient.Response;
import iok.support.DemoCooperative;
import iok.support.TestDatabase;
import iok.support.TestIok;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-ins and password changes are capped per client address and per login across every node of one
 * installation (two nodes on one database here), with realistic caps: 5 per login, 20 per address in ten
 * minutes. Over a cap the answer is 429 in API.md's error format with Retry-After, and the cooperative's
 * lockout after three wrong passwords still holds beneath it. One proxy is trusted, so each test speaks
 * from addresses of its own through X-Forwarded-For.
 */
class AttemptLimitsTest {

  private static final Map<String, String> CAPS = Map.of("IOK_AUTH_LIMIT_PER_ADDRESS", "20", "IOK_AUTH_LIMIT_PER_LOGIN", "5",
      "IOK_AUTH_LIMIT_WINDOW_SECONDS", "600", "IOK_TRUSTED_PROXIES", "1");
  private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

  private static TestIok a;
  private static TestIok b;
  private static ApiClient onA;
  private static ApiClient onB;

  @BeforeAll
  static void start() {
    var db = TestDatabase.fresh();
    a = TestIok.start(db, CAPS);
    b = TestIok.start(db, CAPS);
    onA = a.client();
    onB = b.client();
  }

  @AfterAll
  static void stop() {
    if (b != null) b.close();
    if (a != null) a.close();
  }

  @Test
  void a_sixth_sign_in_on_one_login_answers_429_with_retry_after_whatever_the_address() {
    for (int i = 0; i < 5; i++) {
      assertThat(login(onA, freshAddress(), "sm-prudnik", "nikt-taki", "Zgaduje123").status()).isEqualTo(401);
    }
    Response refused = login(onA, freshAddress(), "sm-prudnik", "nikt-taki", "Zgaduje123");
    assertTooMany(refused);
    // another login from the same place is not held up
    String address = freshAddress();
    assertThat(login(onA, address, "sm-prudnik", "ktos-inny", "Zgaduje123").status()).isEqualTo(401);
  }

  @Test
  void attempts_on_two_nodes_count_together() {
    for (int i = 0; i < 5; i++) {
      ApiClient node = i % 2 == 0 ? onA : onB;
      assertThat(login(node, freshAddress(), "sm-opole", "wspolny", "Zgaduje123").status()).isEqualTo(401);
    }
    assertTooMany(login(onB, freshAddress(), "sm-opole", "wspolny", "Zgaduje123"));
    assertTooMany(login(onA, freshAddress(), "sm-opole", "wspolny", "Zgaduje123"));
  }

  @Test
  void the_address_cap_stops_guessing_across_many_logins_and_a_forged_forwarded_entry_does_not_escape_it() {
    String address = freshAddress();
    for (int i = 0; i < 20; i++) {
      assertThat(login(i % 2 == 0 ? onA : onB, address, "sm-prudnik", "proba-" + i, "Zgaduje123").status()).isEqualTo(401);
    }
    assertTooMany(login(onA, address, "sm-prudnik", "proba-20", "Zgaduje123"));
    // only the entry our one trusted proxy wrote counts; what the client wrote before it is not believed
    assertTooMany(login(onA, "10.9.8.7, " + address, "sm-prudnik", "proba-21", "Zgaduje123"));
    assertThat(login(onA, freshAddress(), "sm-prudnik", "proba-22", "Zgaduje123").status()).isEqualTo(401);
  }

  @Test
  void the_lockout_after_three_wrong_passwords_still_holds_beneath_the_caps() {
    var piotr = a.resident("sm-opole", 1);
    for (int remaining = 2; remaining >= 0; remaining--) {
      Response wrong = login(onA, freshAddress(), "sm-opole", piotr.login(), "Zle" + remaining + "haslo");
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.json().getJsonObject("details").getInteger("remainingAttempts")).isEqualTo(remaining);
    }
    Response right = login(onA, freshAddress(), "sm-opole", piotr.login(), piotr.password());
    assertThat(right.status()).as(right.body()).isEqualTo(423);
    assertThat(right.error()).isEqualTo("account_locked");
  }

  @Test
  void password_changes_are_capped_per_account() {
    // readying Jan signs him in and changes his password once: one attempt of the five
    String jan = DemoCooperative.prudnik(a, onA).resident(1);
    for (int i = 0; i < 4; i++) {
      Response wrong = changePassword(i % 2 == 0 ? onA : onB, freshAddress(), jan, "Zgaduje12" + i);
      assertThat(wrong.status()).as(wrong.body()).isEqualTo(422);
      assertThat(wrong.error()).isEqualTo("current_password_incorrect");
    }
    assertTooMany(changePassword(onA, freshAddress(), jan, DemoCooperative.RESIDENT_PASSWORD));
  }

  private static String freshAddress() {
    int n = ADDRESSES.getAndIncrement();
    return "203.0." + (n / 250) + "." + (n % 250 + 1);
  }

  private static Response login(ApiClient api, String forwardedFor, String cooperative, String login, String password) {
    String body = new JsonObject().put("cooperative", cooperative).put("login", login).put("password", password).encode();
    return api.send(api.builder("/api/auth/login", null).header("X-Forwarded-For", forwardedFor)
        .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static Response changePassword(ApiClient api, String forwardedFor, String token, String current) {
    String body = new JsonObject().put("currentPassword", current).put("newPassword", "Calkiem9Nowe").encode();
    return api.send(api.builder("/api/auth/password", token).header("X-Forwarded-For", forwardedFor)
        .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static void assertTooMany(Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(429);
    assertThat(r.error()).isEqualTo("too_many_attempts");
    assertThat(r.json().getString("message")).isNotBlank();
    int retryAfter = Integer.parseInt(r.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1, 600);
    assertThat(r.json().getJsonObject("details").getInteger("retryAfterSeconds")).isEqualTo(retryAfter);
  }
}
