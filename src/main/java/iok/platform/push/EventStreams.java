package iok.platform.push;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import iok.platform.auth.Session;
import iok.platform.http.Api;
import iok.platform.http.Api.Access;
import iok.platform.http.ApiError;

/** {@code GET /api/events} (Server-Sent Events) and {@code GET /api/ws} (WebSocket) over one {@link PushHub}. */
public final class EventStreams {

  private EventStreams() {}

  public static void mount(Api api, PushHub hub) {
    api.route(HttpMethod.GET, "/api/events", Access.FORCED_STEPS, ctx -> sse(ctx, hub));
    api.route(HttpMethod.GET, "/api/ws", Access.FORCED_STEPS, ctx -> webSocket(ctx, hub));
  }

  private static void sse(RoutingContext ctx, PushHub hub) {
    // the browser's own reconnect sends the header; an app reopening a refused stream can only use the query
    String header = ctx.request().getHeader("Last-Event-ID");
    Long last = position(header != null ? header : ctx.request().getParam("lastEventId"));
    Session session = Api.session(ctx);
    HttpServerResponse response = ctx.response()
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache, no-store")
        .putHeader("X-Accel-Buffering", "no");
    response.write("retry: 2000\n\n");
    PushHub.Sink sink = new PushHub.Sink() {
      @Override public void send(PushHub.Message m) {
        if (!response.closed()) {
          response.write("id: " + m.position() + "\nevent: " + m.type() + "\ndata: " + m.json() + "\n\n");
        }
      }

      @Override public void heartbeat() {
        if (!response.closed()) response.write(": keep-alive\n\n");
      }

      @Override public void close() {
        if (!response.closed()) response.end();
      }
    };
    PushHub.Connection connection = hub.open(session, sink, last);
    response.closeHandler(v -> hub.close(connection));
  }

  private static void webSocket(RoutingContext ctx, PushHub hub) {
    Long last = position(ctx.request().getParam("lastEventId"));
    if (!"websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
      throw new ApiError(400, "websocket_required", "Open this address as a WebSocket; for plain HTTP use /api/events");
    }
    Session session = Api.session(ctx);
    ctx.request().toWebSocket().onSuccess(ws -> {
      PushHub.Sink sink = new PushHub.Sink() {
        @Override public void send(PushHub.Message m) {
          if (!ws.isClosed()) {
            ws.writeTextMessage(new JsonObject().put("id", String.valueOf(m.position())).put("event", m.type())
                .put("data", m.data()).encode());
          }
        }

        @Override public void heartbeat() {
          if (!ws.isClosed()) ws.writePing(io.vertx.core.buffer.Buffer.buffer());
        }

        @Override public void close() {
          if (!ws.isClosed()) ws.close((short) 4001, "session ended");
        }
      };
      PushHub.Connection connection = hub.open(session, sink, last);
      ws.closeHandler(v -> hub.close(connection));
    }).onFailure(ctx::fail);
  }

  private static Long position(String raw) {
    if (raw == null || raw.isBlank()) return null;
    try {
      long value = Long.parseLong(raw.trim());
      if (value < 0) throw new NumberFormatException();
      return value;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("invalid_last_event_id", "Last-Event-ID must be a position this server sent", null);
    }
  }
}
