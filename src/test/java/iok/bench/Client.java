package iok.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

/** The load generator's HTTP client: Vert.x, non-blocking, enough pooled connections for the loads below. */
final class Client implements AutoCloseable {

  record Answer(int status, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  final Vertx vertx = Vertx.vertx();
  private final HttpClient http;
  private final int port;

  Client(int port, int connections) {
    this.port = port;
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(30_000),
        new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  Future<Answer> call(HttpMethod method, String path, String token, String json) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(path);
    if (token != null) options.putHeader("Authorization", "Bearer " + token);
    if (json != null) options.putHeader("Content-Type", "application/json");
    return http.request(options)
        .compose(request -> json == null ? request.send() : request.send(Buffer.buffer(json)))
        .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body.toString())));
  }

  Answer await(HttpMethod method, String path, String token, String json) {
    return call(method, path, token, json).toCompletionStage().toCompletableFuture().join();
  }

  Answer post(String path, String token, JsonObject body) {
    return await(HttpMethod.POST, path, token, body == null ? null : body.encode());
  }

  Answer get(String path, String token) {
    return await(HttpMethod.GET, path, token, null);
  }

  String login(String cooperative, String login, String password) {
    Answer a = post("/api/auth/login", null, new JsonObject().put("cooperative", cooperative).put("login", login)
        .put("password", password));
    if (a.status() != 200) throw new IllegalStateException("login refused: " + a.body());
    return a.json().getString("accessToken");
  }

  int port() {
    return port;
  }

  HttpClient raw() {
    return http;
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
