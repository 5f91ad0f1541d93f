package iok.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import iok.support.ApiClient;
import iok.support.DemoCooperative;
import iok.support.Eventually;
import iok.support.SseClient;
import iok.support.TcpProxy;
import iok.support.TestIok;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A resident's network drops for a minute while the cooperative keeps publishing. Her client behaves as a
 * browser's EventSource: when the stream ends it tries again every second, sending the id of the last
 * message it got as {@code Last-Event-ID}. Once the network is back she has every message exactly once,
 * in order. The network is cut for real: the connection runs through a TCP proxy that drops it and
 * refuses new ones for the minute.
 */
class PushNetworkDropTest {

  static final Duration DROP = Duration.ofSeconds(60);

  /** What a browser's EventSource does: read, and after the stream ends reconnect with the last id seen. */
  static final class Resident implements AutoCloseable {
    final List<SseClient.Message> received = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread reader;

    Resident(ApiClient api, String token) {
      reader = Thread.ofVirtual().start(() -> {
        String lastId = null;
        while (!stop.get()) {
          try (SseClient sse = SseClient.open(api, token, lastId)) {
            if (sse.status() != 200) throw new AssertionError("stream refused: " + sse.status());
            connections.incrementAndGet();
            while (!stop.get() && !sse.ended()) {
              SseClient.Message m = sse.next(100);
              if (m == null) continue;
              received.add(m);
              lastId = m.id();
            }
          } catch (AssertionError | RuntimeException unreachable) {
            // the network is away: try again in a second, as EventSource does
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          pause();
        }
      });
    }

    List<String> titles() {
      return received.stream().filter(m -> m.event().equals("announcement.published"))
          .map(m -> m.data().getString("title")).toList();
    }

    private void pause() {
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop.set(true);
      }
    }

    @Override
    public void close() throws InterruptedException {
      stop.set(true);
      reader.join(Duration.ofSeconds(15));
    }
  }

  @Test
  void after_a_minute_without_network_the_resident_has_every_message_once_and_in_order() throws Exception {
    try (TestIok node = TestIok.start(); TcpProxy network = new TcpProxy(node.port())) {
      ApiClient api = node.client();
      DemoCooperative opole = DemoCooperative.opole(node, api);
      String admin = opole.admin();
      String maria = opole.resident(0);
      List<String> published = new ArrayList<>();
      Runnable publish = () -> {
        String title = "Komunikat " + published.size();
        ApiClient.Response r = api.post("/api/admin/announcements", admin,
            Map.of("title", title, "body", "Treść", "scope", "cooperative"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        published.add(title);
      };

      try (Resident resident = new Resident(new ApiClient("http://localhost:" + network.port()), maria)) {
        Eventually.await(resident.connections::get, n -> n >= 1, Duration.ofSeconds(10));
        for (int i = 0; i < 4; i++) publish.run();
        Eventually.await(resident::titles, t -> t.size() == published.size(), Duration.ofSeconds(5));

        network.cut();
        long cutAt = System.nanoTime();
        int beforeCut = published.size();
        while (System.nanoTime() - cutAt < DROP.toNanos()) {
          publish.run();
          Thread.sleep(2_000);
        }
        int duringCut = published.size() - beforeCut;
        assertThat(resident.titles()).as("nothing arrives while the network is away").hasSize(beforeCut);
        network.restore();
        long restoredAt = System.nanoTime();
        for (int i = 0; i < 3; i++) publish.run();

        List<String> all = Eventually.await(resident::titles, t -> t.size() >= published.size(), Duration.ofSeconds(10));
        long caughtUpMillis = (System.nanoTime() - restoredAt) / 1_000_000;
        Thread.sleep(1_000); // a repeated message would come now
        assertThat(resident.titles()).as("every message exactly once, in order").isEqualTo(published);
        assertThat(resident.connections.get()).as("the client reconnected").isGreaterThanOrEqualTo(2);
        System.out.printf("push drop: network away %d s, %d messages meanwhile; caught up %d ms after it was back;"
            + " %d messages in all, each once%n", DROP.toSeconds(), duringCut, caughtUpMillis, all.size());
      }
    }
  }
}
