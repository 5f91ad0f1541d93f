package iok.platform.axon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tamper evidence for the event store: every event carries in its metadata ({@link #KEY}) the SHA-256
 * of everything stored about it — aggregate, sequence, identifier, time, type, the payload exactly as
 * stored, its other metadata — and of the previous event's link in the same aggregate. Change one byte
 * of any of them, or remove or reorder an event, and every link from there on no longer matches.
 */
public final class HashChain {

  public static final String KEY = "chain";
  /** What the first event of an aggregate links to. */
  public static final String GENESIS = "0".repeat(64);
  private static final ObjectMapper JSON = new ObjectMapper();

  private HashChain() {}

  /** The stored facts of one event that the link covers; {@code metaData} without the link itself. */
  public record Stored(String aggregateType, String aggregateId, long sequence, String eventId, String timestamp,
                       String payloadType, String payloadRevision, String payload, Map<String, ?> metaData) {}

  public static String link(String previous, Stored e) {
    TreeMap<String, String> meta = new TreeMap<>();
    e.metaData().forEach((k, v) -> {
      if (!k.equals(KEY)) meta.put(k, String.valueOf(v));
    });
    String canonical;
    try {
      canonical = String.join("\n", previous, nullToEmpty(e.aggregateType()), e.aggregateId(), Long.toString(e.sequence()),
          e.eventId(), e.timestamp(), e.payloadType(), nullToEmpty(e.payloadRevision()), e.payload(),
          JSON.writeValueAsString(meta));
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
