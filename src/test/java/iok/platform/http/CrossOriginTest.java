package iok.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import iok.platform.auth.Sessions;
import iok.support.ApiClient;
import iok.support.ApiClient.Response;
import iok.support.TestIok;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Another site cannot make a signed-in browser change anything: a request riding on the session cookie is
 * refused with 403 {@code cross_origin_request} when the browser says it came from elsewhere (Sec-Fetch-Site,
 * or Origin where that is missing), for signing in as well, and for opening the WebSocket. Same-origin
 * requests, scripts that send neither header, Bearer tokens and the payment gateway's notifications pass.
 */
class CrossOriginTest {

  private static TestIok node;
  private static ApiClient api;
  private static String origin;

  @BeforeAll
  static void start() {
    node = TestIok.start();
    api = node.client();
    origin = "http://localhost:" + node.port();
  }

  @AfterAll
  static void stop() {
    if (node != null) node.close();
  }

  @ParameterizedTest(name = "Sec-Fetch-Site: {0}, Origin: {1}")
  @CsvSource(nullValues = "-", value = {
      "cross-site, https://evil.example",
      "same-site, https://other.iok.example",
      "cross-site, -",
      "-, https://evil.example",
      "-, null",
      "-, http://localhost:1",
      "-, not a url"})
  void a_cookie_request_from_another_site_changes_nothing_and_answers_403(String fetchSite, String from) {
    String cookie = cookie();
    long before = node.allEvents();
    Response r = logout(cookie, fetchSite, from);
    assertThat(r.status()).as(r.body()).isEqualTo(403);
    assertThat(r.error()).isEqualTo("cross_origin_request");
    assertThat(node.allEvents()).isEqualTo(before);
    assertThat(me(cookie).status()).as("the session still holds").isEqualTo(200);
  }

  @ParameterizedTest(name = "Sec-Fetch-Site: {0}, Origin: {1}")
  @CsvSource(nullValues = "-", value = {"same-origin, -", "same-origin, ORIGIN", "-, ORIGIN", "-, -", "none, -"})
  void a_cookie_request_from_the_app_itself_or_from_no_browser_passes(String fetchSite, String from) {
    String cookie = cookie();
    Response r = logout(cookie, fetchSite, "ORIGIN".equals(from) ? origin : from);
    assertThat(r.status()).as(r.body()).isEqualTo(204);
    assertThat(me(cookie).status()).as("signed out").isEqualTo(401);
  }

  @Test
  void a_sign_in_from_another_site_is_refused_so_nobody_is_signed_in_as_the_attacker() {
    Response r = api.send(api.builder("/api/auth/login", null).header("Content-Type", "application/json")
        .header("Sec-Fetch-Site", "cross-site").header("Origin", "https://evil.example")
        .POST(HttpRequest.BodyPublishers.ofString(loginBody())).build());
    assertThat(r.status()).as(r.body()).isEqualTo(403);
    assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
  }

  @Test
  void a_bearer_token_is_never_sent_by_a_browser_on_its_own_so_it_passes() {
    String token = api.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
    Response r = api.send(api.builder("/api/auth/logout", token).header("Sec-Fetch-Site", "cross-site")
        .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(r.status()).as(r.body()).isEqualTo(204);
  }

  @Test
  void reading_is_not_held_up_by_where_it_came_from() {
    String cookie = cookie();
    Response r = api.send(api.builder("/api/me", null).header("Cookie", Sessions.COOKIE + "=" + cookie)
        .header("Sec-Fetch-Site", "cross-site").GET().build());
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void the_gateways_notification_from_its_server_is_still_taken() {
    Response r = api.postRaw("/api/payments/itn", null, "transactions=bm90IHhtbA%3D%3D", "application/x-www-form-urlencoded");
    assertThat(r.status()).as(r.body()).isNotEqualTo(403);
    assertThat(r.status()).isLessThan(500);
  }

  @Test
  void a_web_socket_opened_from_another_site_is_refused() throws IOException {
    String cookie = cookie();
    assertThat(webSocketUpgrade(cookie, "https://evil.example")).startsWith("HTTP/1.1 403");
    assertThat(webSocketUpgrade(cookie, origin)).startsWith("HTTP/1.1 101");
  }

  @Test
  void every_answer_carries_the_security_headers() {
    for (String path : List.of("/", "/app/main.js", "/api/me", "/api/does-not-exist", "/openapi.yaml")) {
      Response r = api.get(path, null);
      var h = r.headers();
      assertThat(h.firstValue("Content-Security-Policy").orElse("")).as(path)
          .contains("default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'")
          .doesNotContain("unsafe-inline", "unsafe-eval");
      assertThat(h.firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
      assertThat(h.firstValue("X-Frame-Options")).as(path).hasValue("DENY");
      assertThat(h.firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
      assertThat(h.firstValue("Strict-Transport-Security").orElse("")).as(path).startsWith("max-age=");
      assertThat(h.firstValue("Cross-Origin-Opener-Policy")).as(path).hasValue("same-origin");
      assertThat(h.firstValue("Cross-Origin-Resource-Policy")).as(path).hasValue("same-origin");
      assertThat(h.firstValue("Permissions-Policy")).as(path).isPresent();
    }
    assertThat(api.get("/api/me", null).headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void the_session_cookie_is_http_only_same_site_strict_and_scoped_to_the_whole_site() {
    Response r = api.post("/api/auth/login", null, loginBody());
    String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(Sessions.COOKIE + "="))
        .findFirst().orElseThrow();
    assertThat(cookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict", "Path=/");
    // Secure comes with IOK_COOKIE_SECURE=true, behind TLS; a plain-HTTP test node must not set it
    assertThat(cookie.substring(cookie.indexOf(";"))).doesNotContainIgnoringCase("secure");
  }

  private static String webSocketUpgrade(String cookie, String from) throws IOException {
    try (Socket socket = new Socket("localhost", node.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /api/ws HTTP/1.1\r\nHost: localhost:" + node.port() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: " + from + "\r\n"
          + "Cookie: " + Sessions.COOKIE + "=" + cookie + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) line.append((char) c);
      return line.toString();
    }
  }

  private static String cookie() {
    return api.post("/api/auth/login", null, loginBody()).json().getString("accessToken");
  }

  private static String loginBody() {
    return new JsonObject().put("cooperative", "sm-prudnik").put("login", "admin").put("password", TestIok.ADMIN_PASSWORD)
        .encode();
  }

  private static Response logout(String cookie, String fetchSite, String from) {
    HttpRequest.Builder b = api.builder("/api/auth/logout", null).header("Cookie", Sessions.COOKIE + "=" + cookie)
        .POST(HttpRequest.BodyPublishers.noBody());
    if (fetchSite != null) b.header("Sec-Fetch-Site", fetchSite);
    if (from != null) b.header("Origin", from);
    return api.send(b.build());
  }

  private static Response me(String cookie) {
    return api.send(api.builder("/api/me", null).header("Cookie", Sessions.COOKIE + "=" + cookie).GET().build());
  }
}
