package iok.bench;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.function.BiConsumer;

/** A bare Server-Sent Events reader on the load generator's client: calls back with (event type, data line). */
final class Sse {

  private Sse() {}

  /** Opens {@code /api/events}; the future completes once the stream's first bytes arrived (it is registered). */
  static Future<HttpClientResponse> open(HttpClient http, int port, String token, BiConsumer<String, String> onMessage) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
        .setURI("/api/events").putHeader("Authorization", "Bearer " + token).putHeader("Accept", "text/event-stream")
        .setIdleTimeout(0);
    return http.request(options).compose(request -> request.send()).compose(response -> {
      io.vertx.core.Promise<HttpClientResponse> opened = io.vertx.core.Promise.promise();
      StringBuilder pending = new StringBuilder();
      String[] event = {null};
      response.handler(chunk -> {
        opened.tryComplete(response);
        pending.append(chunk.toString());
        int newline;
        while ((newline = pending.indexOf("\n")) >= 0) {
          String line = pending.substring(0, newline);
          pending.delete(0, newline + 1);
          if (line.startsWith("event:")) event[0] = line.substring(6).trim();
          else if (line.startsWith("data:") && event[0] != null) onMessage.accept(event[0], line.substring(5).trim());
          else if (line.isEmpty()) event[0] = null;
        }
      });
      response.exceptionHandler(e -> opened.tryFail(e));
      return opened.future();
    });
  }
}
