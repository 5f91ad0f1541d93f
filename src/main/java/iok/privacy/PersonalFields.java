package iok.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens the {@link PersonalData} values of a stored JSON tree (an event's payload, an aggregate's
 * snapshot) with its {@link DataSubject}'s key. A sealed value is {@code pd:v1:<base64 of IV and AES-GCM
 * ciphertext>}, bound to the person and the property. The IV is synthetic (an HMAC of the property and the
 * value under the person's second key), so sealing is deterministic: the payload the hash chain covers is
 * the payload stored, however often Axon serializes an event on its way there, and a nonce never repeats
 * for two different values.
 *
 * <p>A value whose key is gone — the person was erased — opens as {@link PersonalData#ERASED}, or null
 * for contact data. A person already erased is never sealed again: their values are written as erased.
 */
public final class PersonalFields {

  static final String PREFIX = "pd:v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The personal values of one class, and the records inside it that hold some. */
  record Model(String subject, List<Property> personal, List<String> nestedNames, List<Model> nested) {
    boolean empty() {
      return personal.isEmpty() && nested.isEmpty();
    }
  }

  record Property(String name, boolean contact) {
    JsonNode erased() {
      return contact ? JSON.nullNode() : JSON.getNodeFactory().textNode(PersonalData.ERASED);
    }
  }

  private static final Model NONE = new Model(null, List.of(), List.of(), List.of());

  private final PersonalKeys keys;
  private final ConcurrentHashMap<Class<?>, Model> models = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Optional<Class<?>>> classes = new ConcurrentHashMap<>();

  public PersonalFields(PersonalKeys keys) {
    this.keys = keys;
  }

  /** True when instances of the class carry personal data of a named person. */
  public boolean concerns(Class<?> type) {
    Model m = model(type);
    return m.subject() != null && !m.empty();
  }

  /** Seals the tree's personal values in place; {@code type} is the class the tree was written from. */
  public void seal(Class<?> type, ObjectNode tree) {
    Model m = model(type);
    String subject = subjectOf(m, tree);
    if (subject == null || m.empty()) return;
    Optional<PersonalKeys.Key> key = keys.forSealing(subject);
    walk(m, tree, (property, value) -> {
      if (!value.isTextual() || value.asText().startsWith(PREFIX)) return value;
      return key.<JsonNode>map(k -> JSON.getNodeFactory().textNode(seal(k, subject, property.name(), value.asText())))
          .orElseGet(property::erased);
    });
  }

  /** Opens the tree's sealed values in place; those of an erased person read as erased. */
  public void open(Class<?> type, ObjectNode tree) {
    Model m = model(type);
    String subject = subjectOf(m, tree);
    if (subject == null || m.empty()) return;
    Supplier<Optional<PersonalKeys.Key>> key = memo(() -> keys.find(subject));
    walk(m, tree, (property, value) -> {
      if (!value.isTextual() || !value.asText().startsWith(PREFIX)) return value;
      return key.get().flatMap(k -> open(k, subject, property.name(), value.asText()))
          .<JsonNode>map(JSON.getNodeFactory()::textNode).orElseGet(property::erased);
    });
  }

  /** A stored payload as the auditor may read it: opened when its type carries personal data. */
  public String reveal(String payloadType, String json) {
    Optional<Class<?>> type = classes.computeIfAbsent(payloadType, name -> {
      try {
        return Optional.of(Class.forName(name, false, PersonalFields.class.getClassLoader()));
      } catch (ClassNotFoundException e) {
        return Optional.empty();
      }
    });
    if (type.isEmpty() || !concerns(type.get())) return json;
    try {
      JsonNode tree = JSON.readTree(json);
      if (!(tree instanceof ObjectNode object)) return json;
      open(type.get(), object);
      return JSON.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      return json;
    }
  }

  private interface Visit {
    JsonNode apply(Property property, JsonNode value);
  }

  private static void walk(Model m, ObjectNode tree, Visit visit) {
    for (Property p : m.personal()) {
      JsonNode value = tree.get(p.name());
      if (value != null && !value.isNull()) tree.set(p.name(), visit.apply(p, value));
    }
    for (int i = 0; i < m.nested().size(); i++) {
      JsonNode inner = tree.get(m.nestedNames().get(i));
      if (inner instanceof ObjectNode object) walk(m.nested().get(i), object, visit);
      else if (inner != null && inner.isArray()) {
        for (JsonNode element : inner) if (element instanceof ObjectNode object) walk(m.nested().get(i), object, visit);
      }
    }
  }

  private static String subjectOf(Model m, ObjectNode tree) {
    if (m.subject() == null) return null;
    JsonNode id = tree.get(m.subject());
    return id == null || id.isNull() ? null : id.asText();
  }

  Model model(Class<?> type) {
    Model known = models.get(type);
    if (known != null) return known;
    Model built = build(type, 0);
    models.put(type, built);
    return built;
  }

  private static Model build(Class<?> type, int depth) {
    if (depth > 4 || type == null || !type.getName().startsWith("iok.")) return NONE;
    String subject = null;
    List<Property> personal = new ArrayList<>();
    List<String> nestedNames = new ArrayList<>();
    List<Model> nested = new ArrayList<>();
    for (Member member : members(type)) {
      if (member.subject()) subject = member.name();
      if (member.personal() != null) personal.add(new Property(member.name(), member.personal().contact()));
      Model inner = build(elementType(member.type()), depth + 1);
      if (!inner.empty()) {
        nestedNames.add(member.name());
        nested.add(inner);
      }
    }
    return personal.isEmpty() && nested.isEmpty() ? NONE : new Model(subject, personal, nestedNames, nested);
  }

  private record Member(String name, Type type, PersonalData personal, boolean subject) {}

  /** A record's components; any other class's own instance fields (a snapshot is its fields). */
  private static List<Member> members(Class<?> type) {
    if (type.isRecord()) {
      return Arrays.stream(type.getRecordComponents()).map((RecordComponent c) -> new Member(c.getName(),
          c.getGenericType(), c.getAnnotation(PersonalData.class), c.isAnnotationPresent(DataSubject.class))).toList();
    }
    if (type.isEnum() || type.isInterface()) return List.of();
    List<Member> members = new ArrayList<>();
    for (Field f : type.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())) continue;
      members.add(new Member(f.getName(), f.getGenericType(), f.getAnnotation(PersonalData.class),
          f.isAnnotationPresent(DataSubject.class)));
    }
    return members;
  }

  /** The record a component holds, alone or as the elements of a list. */
  private static Class<?> elementType(Type type) {
    if (type instanceof Class<?> c) return c.isRecord() ? c : null;
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
        && List.class.isAssignableFrom(raw) && p.getActualTypeArguments()[0] instanceof Class<?> element) {
      return element.isRecord() ? element : null;
    }
    return null;
  }

  private static String seal(PersonalKeys.Key key, String subject, String property, String value) {
    try {
      byte[] plain = value.getBytes(StandardCharsets.UTF_8);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.mac(), "HmacSHA256"));
      mac.update(property.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      byte[] iv = Arrays.copyOf(mac.doFinal(plain), IV_BYTES);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.aes(), "AES"), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(aad(subject, property));
      byte[] sealed = cipher.doFinal(plain);
      return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not seal a personal value", e);
    }
  }

  private static Optional<String> open(PersonalKeys.Key key, String subject, String property, String sealed) {
    try {
      byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.aes(), "AES"), new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      cipher.updateAAD(aad(subject, property));
      return Optional.of(new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static byte[] aad(String subject, String property) {
    return (subject + "\u0000" + property).getBytes(StandardCharsets.UTF_8);
  }

  private static <T> Supplier<T> memo(Supplier<T> supplier) {
    return new Supplier<>() {
      private T value;
      private boolean done;

      @Override public T get() {
        if (!done) {
          value = supplier.get();
          done = true;
        }
        return value;
      }
    };
  }
}
