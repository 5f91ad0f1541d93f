package iok.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import iok.support.ApiClient;
import iok.support.ApiClient.Response;
import iok.support.TestDatabase;
import iok.support.TestIok;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nobody learns which logins exist (ASVS 2.2 / 3.x): a login that names nobody answers exactly as a real
 * account with a wrong password does — status, code, message and the remaining attempts counting down to
 * the lock — whichever of two nodes answers, and in about the same time.
 */
class LoginEnumerationTest {

  private static TestIok a;
  private static TestIok b;
  private static ApiClient admin;

  @BeforeAll
  static void start() {
    var db = TestDatabase.fresh();
    a = TestIok.start(db, Map.of());
    b = TestIok.start(db, Map.of());
    admin = a.client();
  }

  @AfterAll
  static void stop() {
    if (b != null) b.close();
    if (a != null) a.close();
  }

  @Test
  void an_unknown_login_answers_like_a_real_one_with_a_wrong_password_on_whichever_node() {
    String token = admin.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
    String real = admin.register(token, "Ewa", "Prawdziwa").getString("login");
    List<String> realAnswers = new ArrayList<>();
    List<String> unknownAnswers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ApiClient node = (i % 2 == 0 ? a : b).client();
      realAnswers.add(shape(attempt(node, real)));
      unknownAnswers.add(shape(attempt(node, "ewa-nieistniejaca")));
    }
    assertThat(unknownAnswers).isEqualTo(realAnswers);
    assertThat(realAnswers.get(0)).contains("\"remainingAttempts\":2");
    assertThat(realAnswers.get(4)).contains("\"remainingAttempts\":0");
  }

  @Test
  void an_unknown_login_takes_about_as_long_as_a_wrong_password() {
    String token = admin.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
    ApiClient node = a.client();
    List<Long> real = new ArrayList<>();
    List<Long> unknown = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      // two wrong attempts per account stay below the lock, so each is a plain wrong password
      String login = admin.register(token, "Czas", "Pomiar" + (char) ('a' + i)).getString("login");
      for (int j = 0; j < 2; j++) {
        real.add(timed(node, login));
        unknown.add(timed(node, "nikt-" + i + "-" + j));
      }
    }
    long realMedian = median(real.subList(6, real.size()));
    long unknownMedian = median(unknown.subList(6, unknown.size()));
    // the padding follows a moving average of real attempts; on a shared test machine allow a wide margin
    assertThat(unknownMedian).as("median ms: real %d, unknown %d", realMedian, unknownMedian)
        .isBetween(realMedian / 2, realMedian * 2 + 20);
  }

  private static long timed(ApiClient node, String login) {
    long start = System.nanoTime();
    Response r = attempt(node, login);
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.status()).isEqualTo(401);
    return ms;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static Response attempt(ApiClient node, String login) {
    return node.post("/api/auth/login", null, new JsonObject().put("cooperative", "sm-prudnik").put("login", login)
        .put("password", "Zgaduje123").encode());
  }

  private static String shape(Response r) {
    return r.status() + " " + r.headers().firstValue("Content-Type").orElse("") + " " + r.body();
  }
}
