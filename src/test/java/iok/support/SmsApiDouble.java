package iok.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SMS provider we cannot reach from a test, played over real HTTP by its protocol (SMSAPI.pl's
 * {@code POST /sms.do}): Bearer token, form fields, JSON answers, error 101 for a wrong token and 53 for an
 * {@code idx} already sent with {@code check_idx=1}. It can be taken down to answer 503, as providers do.
 */
public final class SmsApiDouble implements AutoCloseable {

  public static final String TOKEN = "test-token-0123456789";

  public record Sms(String to, String message, String from, String idx) {}

  private final HttpServer server;
  private final List<Sms> sent = new ArrayList<>();
  private final Set<String> idxSeen = new HashSet<>();
  private volatile boolean down;

  private SmsApiDouble(HttpServer server) {
    this.server = server;
  }

  public static SmsApiDouble start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      SmsApiDouble provider = new SmsApiDouble(server);
      server.createContext("/sms.do", provider::handle);
      server.start();
      return provider;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/sms.do";
  }

  public void down(boolean down) {
    this.down = down;
  }

  public synchronized List<Sms> sent() {
    return List.copyOf(sent);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (down) {
      answer(exchange, 503, "Service Unavailable");
      return;
    }
    if (!exchange.getRequestMethod().equals("POST")
        || !("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      answer(exchange, 401, new JsonObject().put("error", 101).put("message", "Authorization failed").encode());
      return;
    }
    Map<String, String> form = form(body);
    String to = form.getOrDefault("to", "");
    if (!to.matches("(48)?\\d{9}")) {
      answer(exchange, 200, new JsonObject().put("error", 13).put("message", "No correct phone numbers").encode());
      return;
    }
    synchronized (this) {
      String idx = form.get("idx");
      if ("1".equals(form.get("check_idx")) && idx != null && !idxSeen.add(idx)) {
        answer(exchange, 200, new JsonObject().put("error", 53)
            .put("message", "Not unique idx parameter, message with the same idx was already sent").encode());
        return;
      }
      sent.add(new Sms(to, form.get("message"), form.get("from"), idx));
    }
    JsonObject entry = new JsonObject().put("id", "1" + System.nanoTime()).put("points", 0.16).put("number", to)
        .put("status", "QUEUE").put("idx", form.get("idx"));
    answer(exchange, 200, new JsonObject().put("count", 1).put("list", new JsonArray().add(entry)).encode());
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv.length == 2) form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return form;
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
