package iok.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's JSON serializer with personal data sealed on the way into the store and opened on the way out
 * ({@link PersonalFields}): events, snapshots, dead letters — everything Axon writes with it. Classes
 * without {@link PersonalData} pass through the Jackson serializer untouched.
 */
public final class PersonalDataSerializer implements Serializer {

  private final JacksonSerializer delegate;
  private final ObjectMapper mapper;
  private final PersonalFields fields;

  public PersonalDataSerializer(JacksonSerializer delegate, PersonalFields fields) {
    this.delegate = delegate;
    this.mapper = delegate.getObjectMapper();
    this.fields = fields;
  }

  @Override
  public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
    if (object == null || !fields.concerns(object.getClass())) return delegate.serialize(object, expectedRepresentation);
    JsonNode tree = mapper.valueToTree(object);
    if (!(tree instanceof ObjectNode node)) return delegate.serialize(object, expectedRepresentation);
    fields.seal(object.getClass(), node);
    try {
      SerializedObject<String> sealed = new SimpleSerializedObject<>(mapper.writeValueAsString(node), String.class,
          delegate.typeForClass(object.getClass()));
      return delegate.getConverter().convert(sealed, expectedRepresentation);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write a sealed " + object.getClass().getSimpleName(), e);
    }
  }

  @Override
  public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
    return delegate.canSerializeTo(expectedRepresentation);
  }

  @Override
  public <S, T> T deserialize(SerializedObject<S> serializedObject) {
    SerializedType type = serializedObject.getType();
    if (SerializedType.emptyType().equals(type)) return delegate.deserialize(serializedObject);
    Class<?> target = delegate.classForType(type);
    if (!fields.concerns(target)) return delegate.deserialize(serializedObject);
    JsonNode tree = delegate.getConverter().convert(serializedObject, JsonNode.class).getData();
    if (!(tree instanceof ObjectNode node)) return delegate.deserialize(serializedObject);
    ObjectNode opened = node.deepCopy();
    fields.open(target, opened);
    return delegate.deserialize(new SimpleSerializedObject<>(opened, JsonNode.class, type));
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Class classForType(SerializedType type) {
    return delegate.classForType(type);
  }

  @Override
  @SuppressWarnings("rawtypes")
  public SerializedType typeForClass(Class type) {
    return delegate.typeForClass(type);
  }

  @Override
  public Converter getConverter() {
    return delegate.getConverter();
  }
}
