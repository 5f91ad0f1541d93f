package iok.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import iok.support.ApiClient;
import iok.support.TestIok;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * API.md asks for a complete OpenAPI 3.1 description of every endpoint, served at {@code GET /openapi.yaml},
 * kept true. This compares the served document with the routes a whole node actually registers: every route
 * is described, nothing described is missing from the node, and who may call each one is as the code says.
 */
class OpenApiTest {

  /** The HTTP methods an OpenAPI path item may hold as operations. */
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  /** Served by HttpVerticle straight from the router, not through {@link Api}, so not in {@code routes()}. */
  private static final Set<String> OUTSIDE_API = Set.of("get /openapi.yaml");

  private static TestIok node;
  private static ApiClient.Response served;

  @BeforeAll
  static void start() {
    node = TestIok.start();
    served = node.client().get("/openapi.yaml", null);
  }

  @AfterAll
  static void stop() {
    if (node != null) node.close();
  }

  @Test
  void theDocumentIsServedAndIsOpenApi31() {
    JsonNode doc = document();
    String contentType = served.headers().firstValue("Content-Type").orElse("");
    assertTrue(contentType.startsWith("application/yaml"), "Content-Type of /openapi.yaml: " + contentType);
    String version = doc.path("openapi").asText("");
    assertTrue(version.matches("3\\.1\\.\\d+"), "openapi must be 3.1.x, is '" + version + "'");
    assertTrue(doc.path("paths").isObject() && !doc.path("paths").isEmpty(), "the document has no paths");
  }

  @Test
  void everyRegisteredRouteIsDescribed() {
    Map<String, JsonNode> operations = operations(document());
    List<String> missing = new ArrayList<>();
    for (String route : registered().keySet()) {
      if (!operations.containsKey(route)) missing.add(route);
    }
    assertTrue(missing.isEmpty(), "routes the node serves but /openapi.yaml does not describe: " + missing);
  }

  @Test
  void everyDescribedOperationIsARegisteredRoute() {
    Map<String, Api.Access> routes = registered();
    List<String> stale = new ArrayList<>();
    for (String operation : operations(document()).keySet()) {
      if (!routes.containsKey(operation) && !OUTSIDE_API.contains(operation)) stale.add(operation);
    }
    assertTrue(stale.isEmpty(), "operations in /openapi.yaml that the node does not serve: " + stale);
  }

  @Test
  void everyOperationSaysWhoMayCallItAsTheCodeDoes() {
    Map<String, JsonNode> operations = operations(document());
    List<String> wrong = new ArrayList<>();
    registered().forEach((route, access) -> {
      JsonNode operation = operations.get(route);
      if (operation == null) return; // reported by everyRegisteredRouteIsDescribed
      String expected = access(access);
      JsonNode declared = operation.get("x-iok-access");
      if (declared == null || !expected.equals(declared.asText())) {
        wrong.add(route + ": x-iok-access is " + (declared == null ? "missing" : "'" + declared.asText() + "'")
            + ", the code says '" + expected + "'");
      }
    });
    assertTrue(wrong.isEmpty(), "x-iok-access differs from the routes' Api.Access:\n  " + String.join("\n  ", wrong));
  }

  @Test
  void securityRequirementsMatchAccess() {
    JsonNode doc = document();
    JsonNode schemes = doc.path("components").path("securitySchemes");
    assertEquals("cookie", schemes.path("cookieAuth").path("in").asText(), "cookieAuth must be an apiKey in a cookie");
    assertEquals("iok_session", schemes.path("cookieAuth").path("name").asText(), "cookieAuth must name iok_session");
    assertEquals("bearer", schemes.path("bearerAuth").path("scheme").asText(), "bearerAuth must be http bearer");
    Map<String, JsonNode> operations = operations(doc);
    List<String> wrong = new ArrayList<>();
    registered().forEach((route, access) -> {
      JsonNode operation = operations.get(route);
      if (operation == null) return;
      JsonNode security = operation.has("security") ? operation.get("security") : doc.path("security");
      boolean open = security.isArray() && security.isEmpty();
      if ((access == Api.Access.ANYONE) != open) {
        wrong.add(route + (open ? " declares no security but needs a session" : " needs no session but declares security"));
      }
    });
    assertTrue(wrong.isEmpty(), "security requirements differ from the routes' Api.Access: " + wrong);
  }

  /** The served document, parsed; fails the test when it is not served or not YAML. */
  private static JsonNode document() {
    assertEquals(200, served.status(), "GET /openapi.yaml answered " + served.status() + ": " + served.body());
    try {
      JsonNode doc = new YAMLMapper().readTree(served.body());
      assertFalse(doc == null || !doc.isObject(), "/openapi.yaml is not a YAML mapping");
      return doc;
    } catch (java.io.IOException e) {
      return fail("/openapi.yaml does not parse as YAML: " + e.getMessage(), e);
    }
  }

  /** Every route of the node as "method /path/{param}", with its access. */
  private static Map<String, Api.Access> registered() {
    Map<String, Api.Access> routes = new LinkedHashMap<>();
    for (Api.Described d : node.iok().routes()) {
      String key = d.method().name().toLowerCase(Locale.ROOT) + " " + d.path().replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      Api.Access previous = routes.put(key, d.access());
      if (previous != null && previous != d.access()) fail("route " + key + " is registered twice with different access");
    }
    assertFalse(routes.isEmpty(), "the node reports no routes");
    return routes;
  }

  /** Every operation of the document as "method /path", in a stable order. */
  private static Map<String, JsonNode> operations(JsonNode doc) {
    Map<String, JsonNode> operations = new LinkedHashMap<>();
    Set<String> paths = new TreeSet<>();
    doc.path("paths").fieldNames().forEachRemaining(paths::add);
    for (String path : paths) {
      JsonNode item = doc.path("paths").path(path);
      item.fieldNames().forEachRemaining(method -> {
        if (METHODS.contains(method)) operations.put(method + " " + path, item.get(method));
      });
    }
    return operations;
  }

  /** {@code FORCED_STEPS} → {@code forced-steps}, as the document spells Api.Access. */
  private static String access(Api.Access access) {
    return access.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
