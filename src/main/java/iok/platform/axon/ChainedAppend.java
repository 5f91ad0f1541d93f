package iok.platform.axon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Appends events as Axon does, after giving each its {@link HashChain} link. The previous link of an
 * aggregate is read on the same connection, inside the transaction that appends: events appended
 * earlier in the same unit of work are seen, and a concurrent append of the same sequence number
 * still fails on the store's unique key, so a chain can never fork.
 */
public final class ChainedAppend implements AppendEventsStatementBuilder {

  private static final String PREVIOUS = """
      SELECT metadata FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = ?""";

  private final Serializer metaDataReader;

  public ChainedAppend(Serializer metaDataReader) {
    this.metaDataReader = metaDataReader;
  }

  @Override
  public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                 List<? extends EventMessage<?>> events, Serializer serializer,
                                 TimestampWriter timestampWriter) throws SQLException {
    Map<String, String> lastLink = new HashMap<>();
    List<EventMessage<?>> chained = new ArrayList<>(events.size());
    for (EventMessage<?> event : events) {
      if (!(event instanceof DomainEventMessage<?> domain)) {
        chained.add(event);
        continue;
      }
      String previous = lastLink.get(domain.getAggregateIdentifier());
      if (previous == null) previous = storedLink(connection, domain.getAggregateIdentifier(), domain.getSequenceNumber() - 1);
      SerializedObject<?> payload = domain.serializePayload(serializer, dataType);
      String link = HashChain.link(previous, new HashChain.Stored(domain.getType(), domain.getAggregateIdentifier(),
          domain.getSequenceNumber(), domain.getIdentifier(), DateTimeUtils.formatInstant(domain.getTimestamp()),
          payload.getType().getName(), payload.getType().getRevision(), String.valueOf(payload.getData()),
          domain.getMetaData()));
      lastLink.put(domain.getAggregateIdentifier(), link);
      chained.add(domain.andMetaData(Map.of(HashChain.KEY, link)));
    }
    return JdbcEventStorageEngineStatements.appendEvents(connection, schema, dataType, chained, serializer, timestampWriter);
  }

  private String storedLink(Connection connection, String aggregateId, long sequence) throws SQLException {
    if (sequence < 0) return HashChain.GENESIS;
    try (PreparedStatement s = connection.prepareStatement(PREVIOUS)) {
      s.setString(1, aggregateId);
      s.setLong(2, sequence);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) return HashChain.GENESIS; // a stream that starts later (a migrated store): a new chain
        Object link = StoredMetaData.read(metaDataReader, rs.getString(1)).get(HashChain.KEY);
        return link == null ? HashChain.GENESIS : link.toString();
      }
    }
  }
}
