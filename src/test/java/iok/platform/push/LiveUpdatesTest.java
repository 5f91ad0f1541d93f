package iok.platform.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import iok.demo.DemoSeed;
import iok.support.ApiClient;
import iok.support.DemoCooperative;
import iok.support.SseClient;
import iok.support.SseClient.Message;
import iok.support.TestIok;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Live updates over SSE and WebSocket, fed by pg_notify from committed projection transactions. */
class LiveUpdatesTest {

  static TestIok node;
  static ApiClient api;
  static String admin;
  static String anna;
  static String jan;
  static String maria;

  @BeforeAll
  static void start() {
    node = TestIok.start();
    api = node.client();
    DemoCooperative prudnik = DemoCooperative.prudnik(node, api);
    admin = prudnik.admin();
    anna = prudnik.resident(0);
    jan = prudnik.resident(1);
    maria = DemoCooperative.opole(node, api).resident(0);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static void publish(String version) {
    assertThat(api.post("/api/admin/regulations", admin, Map.of("version", version, "text", "Regulamin " + version))
        .status()).isEqualTo(201);
  }

  @Test
  void new_regulations_reach_every_signed_in_resident_of_the_cooperative_within_a_second_and_nobody_else()
      throws Exception {
    try (SseClient annaStream = SseClient.open(api, anna, null);
         SseClient janStream = SseClient.open(api, jan, null);
         SseClient mariaStream = SseClient.open(api, maria, null)) {
      assertThat(annaStream.status()).isEqualTo(200);
      publish("live-1");
      for (SseClient stream : List.of(annaStream, janStream)) {
        Message m = stream.next(1_000);
        assertThat(m).as("message within a second").isNotNull();
        assertThat(m.event()).isEqualTo("regulations.published");
        assertThat(m.data().getString("version")).isEqualTo("live-1");
        assertThat(Long.parseLong(m.id())).isPositive();
      }
      assertThat(mariaStream.drain(500)).isEmpty();
    }
  }

  @Test
  void a_stream_resumed_with_last_event_id_gets_exactly_what_it_missed_then_live_messages() throws Exception {
    String lastSeen;
    try (SseClient first = SseClient.open(api, anna, null)) {
      publish("resume-1");
      Message m = first.next(2_000);
      assertThat(m.data().getString("version")).isEqualTo("resume-1");
      lastSeen = m.id();
    }
    publish("resume-2");
    publish("resume-3");
    try (SseClient resumed = SseClient.open(api, anna, lastSeen)) {
      List<Message> missed = List.of(resumed.next(2_000), resumed.next(2_000));
      assertThat(missed).extracting(x -> x.data().getString("version")).containsExactly("resume-2", "resume-3");
      publish("resume-4");
      Message live = resumed.next(2_000);
      assertThat(live.data().getString("version")).isEqualTo("resume-4");
      assertThat(resumed.drain(300)).isEmpty();
      assertThat(Long.parseLong(missed.get(0).id())).isGreaterThan(Long.parseLong(lastSeen));
      assertThat(Long.parseLong(missed.get(1).id())).isGreaterThan(Long.parseLong(missed.get(0).id()));
      assertThat(Long.parseLong(live.id())).isGreaterThan(Long.parseLong(missed.get(1).id()));

      try (SseClient again = SseClient.open(api, anna, missed.get(1).id())) {
        Message only = again.next(2_000);
        assertThat(only.data().getString("version")).isEqualTo("resume-4");
        assertThat(again.drain(300)).isEmpty();
      }
    }
  }

  @Test
  void the_websocket_carries_the_same_messages_as_json() throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    String cookie = "iok_session=" + jan;
    WebSocket ws = api.http().newWebSocketBuilder().header("Cookie", cookie)
        .buildAsync(URI.create(api.base().replace("http", "ws") + "/api/ws"), new WebSocket.Listener() {
          final StringBuilder text = new StringBuilder();

          @Override public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              received.add(text.toString());
              text.setLength(0);
            }
            w.request(1);
            return null;
          }
        }).get(5, TimeUnit.SECONDS);
    try {
      publish("ws-1");
      String raw = received.poll(2, TimeUnit.SECONDS);
      assertThat(raw).isNotNull();
      JsonObject message = new JsonObject(raw);
      assertThat(message.getString("event")).isEqualTo("regulations.published");
      assertThat(message.getJsonObject("data").getString("version")).isEqualTo("ws-1");
      assertThat(message.getString("id")).matches("\\d+");
    } finally {
      ws.abort();
    }
  }

  @Test
  void signing_out_closes_that_sessions_stream_and_no_other() throws Exception {
    DemoSeed.Credential m = node.resident("sm-opole", 1);
    String phone = api.readyResident("sm-opole", m.login(), m.password(), "piotr123");
    String laptop = api.login("sm-opole", m.login(), "piotr123");
    try (SseClient phoneStream = SseClient.open(api, phone, null); SseClient laptopStream = SseClient.open(api, laptop, null)) {
      assertThat(api.post("/api/auth/logout", laptop, null).status()).isEqualTo(204);
      assertThat(laptopStream.next(2_000).event()).isEqualTo("account.signed-out");
      String opoleAdmin = api.login("sm-opole", "admin", TestIok.ADMIN_PASSWORD);
      assertThat(api.post("/api/admin/regulations", opoleAdmin, Map.of("version", "after-logout", "text", "x")).status())
          .isEqualTo(201);
      assertThat(phoneStream.next(2_000).data().getString("version")).isEqualTo("after-logout");
      assertThat(laptopStream.drain(500)).as("the signed-out stream is closed").isEmpty();
    }
  }

  @Test
  void a_password_change_keeps_the_changers_own_stream_open() throws Exception {
    var registered = api.register(admin, "Iga", "Zmienna");
    String token = api.readyResident("sm-prudnik", registered.getString("login"), registered.getString("initialPassword"),
        "Zmienna1A");
    try (SseClient own = SseClient.open(api, token, null)) {
      assertThat(api.post("/api/auth/password", token, Map.of("currentPassword", "Zmienna1A", "newPassword", "Zmienna2B"))
          .status()).isEqualTo(204);
      assertThat(own.next(2_000).event()).isEqualTo("account.password-changed");
      publish("after-password-change");
      assertThat(own.next(2_000).data().getString("version")).isEqualTo("after-password-change");
    }
  }

  @Test
  void the_streams_refuse_anyone_not_signed_in() {
    assertThat(api.get("/api/events", null).status()).isEqualTo(401);
    assertThat(api.get("/api/events", "not-a-token").status()).isEqualTo(401);
  }

  @Test
  void a_blocked_residents_stream_is_told_and_then_closed_and_administrators_see_it() throws Exception {
    var registered = api.register(admin, "Wit", "Strumień");
    String token = api.readyResident("sm-prudnik", registered.getString("login"), registered.getString("initialPassword"),
        "Strumien1X");
    try (SseClient resident = SseClient.open(api, token, null); SseClient office = SseClient.open(api, admin, null)) {
      assertThat(api.post("/api/admin/accounts/" + registered.getString("accountId") + "/block", admin,
          Map.of("reason", "nadużycie")).status()).isEqualTo(204);
      Message told = resident.next(2_000);
      assertThat(told.event()).isEqualTo("account.blocked");
      assertThat(resident.drain(500)).isEmpty();
      Message seen = office.next(2_000);
      assertThat(seen.event()).isEqualTo("account.blocked");
      assertThat(seen.data().getString("accountId")).isEqualTo(registered.getString("accountId"));
      assertThat(seen.data().containsKey("endsSessionsBefore")).isFalse();
    }
    assertThat(api.get("/api/events", token).status()).isEqualTo(401);
  }
}
