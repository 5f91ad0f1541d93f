package iok.support;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads {@code GET /api/events} as a browser's EventSource would, message by message. */
public final class SseClient implements AutoCloseable {

  public record Message(String id, String event, JsonObject data) {}

  private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
  private final CompletableFuture<HttpResponse<Stream<String>>> response;
  private volatile boolean closed;
  private volatile boolean ended;
  private volatile int status;

  private SseClient(ApiClient client, String token, String lastEventId) {
    HttpRequest.Builder request = client.builder("/api/events", token).timeout(java.time.Duration.ofMinutes(5))
        .header("Accept", "text/event-stream").GET();
    if (lastEventId != null) request.header("Last-Event-ID", lastEventId);
    response = client.http().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
    response.thenAccept(r -> {
      status = r.statusCode();
      Thread.ofVirtual().start(() -> read(r.body()));
    });
  }

  public static SseClient open(ApiClient client, String token, String lastEventId) {
    SseClient sse = new SseClient(client, token, lastEventId);
    try {
      sse.response.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the event stream did not open", e);
    }
    return sse;
  }

  public int status() {
    return status;
  }

  private void read(Stream<String> lines) {
    String id = null;
    String event = null;
    StringBuilder data = new StringBuilder();
    try {
      for (String line : (Iterable<String>) lines::iterator) {
        if (closed) break;
        if (line.isEmpty()) {
          if (data.length() > 0) messages.add(new Message(id, event, new JsonObject(data.toString())));
          id = null;
          event = null;
          data.setLength(0);
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
    } catch (RuntimeException ignored) {
      // the stream was closed under us
    } finally {
      ended = true;
    }
  }

  /** The server or the network ended the stream: a browser's EventSource would now reconnect. */
  public boolean ended() {
    return ended;
  }

  /** The next message, or null when none came within the timeout. */
  public Message next(long millis) throws InterruptedException {
    return messages.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** Every message that arrives within the window. */
  public List<Message> drain(long millis) throws InterruptedException {
    List<Message> all = new ArrayList<>();
    long end = System.currentTimeMillis() + millis;
    Message m;
    while ((m = messages.poll(Math.max(1, end - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) != null) {
      all.add(m);
    }
    return all;
  }

  @Override
  public void close() {
    closed = true;
    response.thenAccept(r -> r.body().close());
  }
}
