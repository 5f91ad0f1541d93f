package iok.audit.verify;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import iok.platform.axon.EventNames;
import iok.platform.axon.HashChain;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Walks the stored events aggregate by aggregate, in sequence, recomputing every {@link HashChain} link
 * from the stored columns. The first event whose link does not match — a changed byte, a removed or
 * inserted event — is named; everything after it in the same aggregate is suspect too.
 */
public final class ChainVerifier {

  /** The first event that does not match its link. */
  public record Broken(long globalIndex, String eventId, String aggregateId, long sequence, String type, String reason) {}

  /** {@code unchained}: events written before the chain existed (stores older than it), not checkable. */
  public record Result(boolean valid, long events, long aggregates, long unchained, Broken firstBroken) {}

  private static final String COLUMNS = """
      SELECT globalindex, type, aggregateidentifier, sequencenumber, eventidentifier, timestamp, payloadtype,
             payloadrevision, payload, metadata FROM domainevententry""";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DataSource dataSource;

  public ChainVerifier(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Every aggregate of which some event was caused in this cooperative. */
  public Result cooperative(String cooperativeId) {
    return verify(COLUMNS + """
         WHERE aggregateidentifier IN (SELECT DISTINCT aggregateidentifier FROM domainevententry
                                       WHERE metadata::jsonb ->> 'cooperative' = ?)
        ORDER BY aggregateidentifier, sequencenumber""", List.of(cooperativeId));
  }

  /** The given aggregates only. */
  public Result aggregates(List<String> aggregateIds) {
    return verify(COLUMNS + " WHERE aggregateidentifier = ANY(?) ORDER BY aggregateidentifier, sequencenumber",
        List.of(aggregateIds));
  }

  private Result verify(String sql, List<Object> params) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false); // lets the driver stream with a cursor instead of loading the store
      c.setReadOnly(true);
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setFetchSize(1_000);
        for (int i = 0; i < params.size(); i++) {
          Object p = params.get(i);
          if (p instanceof List<?> list) s.setArray(i + 1, c.createArrayOf("text", list.toArray()));
          else s.setObject(i + 1, p);
        }
        try (ResultSet rs = s.executeQuery()) {
          return walk(rs);
        }
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("verification could not read the store: " + e.getMessage(), e);
    }
  }

  private static Result walk(ResultSet rs) throws SQLException {
    long events = 0;
    long aggregates = 0;
    long unchained = 0;
    String aggregate = null;
    long expectedSequence = 0;
    String previous = HashChain.GENESIS;
    while (rs.next()) {
      events++;
      String aggregateId = rs.getString(3);
      long sequence = rs.getLong(4);
      if (!aggregateId.equals(aggregate)) {
        aggregate = aggregateId;
        aggregates++;
        expectedSequence = sequence == 0 ? 0 : -1;
        previous = HashChain.GENESIS;
      }
      Map<String, Object> meta = metaData(rs.getString(10));
      if (meta == null) return new Result(false, events, aggregates, unchained, broken(rs, "its metadata is unreadable"));
      Object stored = meta.get(HashChain.KEY);
      if (expectedSequence >= 0 && sequence != expectedSequence) {
        return new Result(false, events, aggregates, unchained, broken(rs, "sequence " + expectedSequence + " is missing"));
      }
      if (stored == null) {
        if (expectedSequence < 0 || sequence == 0) {
          // written before the chain existed: nothing to check, and the chain starts afresh after it
          unchained++;
          previous = HashChain.GENESIS;
          expectedSequence = sequence + 1;
          continue;
        }
        return new Result(false, events, aggregates, unchained, broken(rs, "the event has no link"));
      }
      String computed = HashChain.link(previous, new HashChain.Stored(rs.getString(2), aggregateId, sequence,
          rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), meta));
      if (!computed.equals(stored.toString())) {
        return new Result(false, events, aggregates, unchained, broken(rs, "its stored content does not match its link"));
      }
      previous = computed;
      expectedSequence = sequence + 1;
    }
    return new Result(true, events, aggregates, unchained, null);
  }

  private static Broken broken(ResultSet rs, String reason) throws SQLException {
    String type = rs.getString(7);
    return new Broken(rs.getLong(1), rs.getString(5), rs.getString(3), rs.getLong(4),
        EventNames.shortName(type), reason);
  }

  private static Map<String, Object> metaData(String json) {
    try {
      return JSON.readValue(json, new TypeReference<>() {});
    } catch (IOException e) {
      return null;
    }
  }
}
