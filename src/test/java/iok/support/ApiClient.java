package iok.support;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A plain HTTP client speaking to a test node the way a script or the browser app would. */
public final class ApiClient {

  public record Response(int status, String body, java.net.http.HttpHeaders headers) {
    public JsonObject json() {
      return body == null || body.isBlank() ? new JsonObject() : new JsonObject(body);
    }

    public String error() {
      return json().getString("error");
    }
  }

  private final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public ApiClient(String base) {
    this.base = base;
  }

  public String base() {
    return base;
  }

  public Response get(String path, String token) {
    return send(builder(path, token).GET().build());
  }

  public Response post(String path, String token, Object body) {
    return postRaw(path, token, json(body), "application/json");
  }

  /** A PUT with a JSON body: a string as it is, anything else mapped to JSON. */
  public Response put(String path, String token, Object body) {
    return send(builder(path, token).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json(body))).build());
  }

  public Response delete(String path, String token) {
    return send(builder(path, token).DELETE().build());
  }

  private static String json(Object body) {
    return body == null ? "" : body instanceof String s ? s : JsonObject.mapFrom(body).encode();
  }

  public Response postRaw(String path, String token, String body, String contentType) {
    HttpRequest.Builder b = builder(path, token).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) b.header("Content-Type", contentType);
    return send(b.build());
  }

  /** A file in a {@code multipart/form-data} body. */
  public record FilePart(String field, String fileName, String contentType, byte[] bytes) {}

  /** Posts a form as a browser does with files: {@code multipart/form-data}. */
  public Response postForm(String path, String token, Map<String, String> fields, java.util.List<FilePart> files) {
    String boundary = "iok-" + java.util.UUID.randomUUID();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
    fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
        + "\"\r\n\r\n" + value + "\r\n").getBytes(utf8)));
    for (FilePart f : files) {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.field() + "\"; filename=\""
          + f.fileName() + "\"\r\nContent-Type: " + f.contentType() + "\r\n\r\n").getBytes(utf8));
      body.writeBytes(f.bytes());
      body.writeBytes("\r\n".getBytes(utf8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(utf8));
    return send(builder(path, token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
  }

  /** A GET whose answer is kept as bytes, for pictures. */
  public HttpResponse<byte[]> getBytes(String path, String token) {
    try {
      return http.send(builder(path, token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder builder(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) b.header("Authorization", "Bearer " + token);
    return b;
  }

  public HttpClient http() {
    return http;
  }

  /** Signs in and answers the access token; fails the test when the login is refused. */
  public String login(String cooperative, String login, String password) {
    Response r = post("/api/auth/login", null, Map.of("cooperative", cooperative, "login", login, "password", password));
    if (r.status() != 200) throw new AssertionError("login " + login + " refused: " + r.status() + " " + r.body());
    return r.json().getString("accessToken");
  }

  /** Loads rows of the books ({@code premises}, {@code titles}, {@code charges}, ...) as JSON, the way an administrator does. */
  public Response importRows(String kind, String adminToken, java.util.List<? extends Map<String, ?>> rows) {
    return post("/api/admin/import/" + kind, adminToken,
        new JsonObject().put("rows", new io.vertx.core.json.JsonArray(new java.util.ArrayList<>(rows))).encode());
  }

  /** Registers a resident through an administrator; answers the new account: accountId, login, initialPassword. */
  public JsonObject register(String adminToken, String firstName, String lastName) {
    Response r = post("/api/admin/accounts", adminToken, Map.of("firstName", firstName, "lastName", lastName));
    if (r.status() != 201) throw new AssertionError("registration refused: " + r.status() + " " + r.body());
    return r.json();
  }

  /** A resident through the forced steps: new password, regulations accepted; answers a token ready for everything. */
  public String readyResident(String cooperative, String login, String initialPassword, String newPassword) {
    String token = login(cooperative, login, initialPassword);
    Response changed = post("/api/auth/password", token, Map.of("currentPassword", initialPassword, "newPassword", newPassword));
    if (changed.status() != 204) throw new AssertionError("password change refused: " + changed.body());
    String version = get("/api/regulations/current", token).json().getString("version");
    Response accepted = post("/api/regulations/accept", token, Map.of("version", version));
    if (accepted.status() != 204) throw new AssertionError("acceptance refused: " + accepted.body());
    return token;
  }
}
