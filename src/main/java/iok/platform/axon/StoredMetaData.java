package iok.platform.axon;

import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.Serializer;

/** An event's metadata as stored (JSON text), read back into a map. */
public final class StoredMetaData {

  private StoredMetaData() {}

  public static Map<String, Object> read(Serializer serializer, String json) {
    MetaData meta = serializer.deserialize(new SerializedMetaData<>(json, String.class));
    return meta;
  }
}
