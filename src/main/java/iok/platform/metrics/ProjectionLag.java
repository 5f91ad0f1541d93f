package iok.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * How far each projection processor is behind the head of the event store: the events appended after its
 * slowest segment's position, and how long ago the oldest of them was appended; both 0 when it has caught
 * up. Each node answers for the segments it holds and for those nobody holds (so a stopped processor's lag
 * shows, and grows); Prometheus takes the largest over the nodes. Measured when scraped.
 */
final class ProjectionLag {

  private static final String TOKENS = "SELECT processorname, segment, token, tokentype, owner, timestamp FROM tokenentry";
  /** Counting stops at ten million: beyond that the number says "rebuilding from scratch" well enough. */
  private static final String BEHIND = """
      SELECT count(*) FROM (SELECT 1 FROM domainevententry WHERE globalindex > ? LIMIT 10000000) behind""";
  private static final String OLDEST = "SELECT timestamp FROM domainevententry WHERE globalindex > ? ORDER BY globalindex LIMIT 1";

  private record Lag(long events, double seconds) {}

  private final DataSource dataSource;
  private final Configuration axon;
  private final Serializer serializer;
  private final MeterRegistry registry;
  private final Clock clock;
  private final Duration claimTimeout;
  private final Map<String, Lag> lags = new ConcurrentHashMap<>();

  ProjectionLag(DataSource dataSource, Configuration axon, MeterRegistry registry, Clock clock, Duration claimTimeout) {
    this.dataSource = dataSource;
    this.claimTimeout = claimTimeout;
    this.axon = axon;
    this.serializer = axon.serializer();
    this.registry = registry;
    this.clock = clock;
  }

  /**
   * Blocking: runs on a worker before each scrape. A segment this node holds counts at the position its
   * work package has reached (the token store has it only up to a few seconds late); a segment nobody
   * holds (its processor stopped, or its node gone) at its stored token; a segment another live node
   * holds is that node's to report. The processor's lag is the largest any node reports.
   */
  void refresh() {
    Map<String, StreamingEventProcessor> processors = new HashMap<>();
    axon.eventProcessingConfiguration().eventProcessors().forEach((name, p) -> {
      if (p instanceof StreamingEventProcessor s) processors.put(name, s);
    });
    Map<String, Map<Integer, EventTrackerStatus>> held = new HashMap<>();
    processors.forEach((name, p) -> held.put(name, p.processingStatus()));
    Instant claimsValidSince = clock.instant().minus(claimTimeout);
    try (Connection c = dataSource.getConnection()) {
      Map<String, Long> slowest = new HashMap<>();
      try (PreparedStatement s = c.prepareStatement(TOKENS); ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(1);
          if (!processors.containsKey(name)) continue;
          EventTrackerStatus mine = held.get(name).get(rs.getInt(2));
          Long position = null;
          if (mine != null) position = mine.getCurrentPosition().orElse(-1);
          else if (unclaimed(rs.getString(5), rs.getString(6), claimsValidSince)) position = position(rs.getBytes(3), rs.getString(4));
          slowest.merge(name, position == null ? Long.MAX_VALUE : position, Math::min);
        }
      }
      Map<Long, Lag> byPosition = new HashMap<>();
      for (Map.Entry<String, Long> e : slowest.entrySet()) {
        Lag lag = e.getValue() == Long.MAX_VALUE ? new Lag(0, 0)
            : byPosition.computeIfAbsent(e.getValue(), position -> measure(c, position));
        if (lags.put(e.getKey(), lag) == null) register(e.getKey(), processors.get(e.getKey()));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the processors' positions", e);
    }
  }

  private static boolean unclaimed(String owner, String claimedAt, Instant validSince) {
    if (owner == null) return true;
    try {
      return claimedAt == null || Instant.parse(claimedAt).isBefore(validSince);
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  /** The global index up to which a segment has handled events; -1 when it has handled none. */
  private long position(byte[] token, String type) {
    if (token == null || type == null) return -1;
    TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
    return tracking == null ? -1 : tracking.position().orElse(-1);
  }

  private Lag measure(Connection c, long position) {
    try {
      long events;
      try (PreparedStatement s = c.prepareStatement(BEHIND)) {
        s.setLong(1, position);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          events = rs.getLong(1);
        }
      }
      double seconds = 0;
      if (events > 0) {
        try (PreparedStatement s = c.prepareStatement(OLDEST)) {
          s.setLong(1, position);
          try (ResultSet rs = s.executeQuery()) {
            if (rs.next()) {
              Duration age = Duration.between(Instant.parse(rs.getString(1)), clock.instant());
              seconds = Math.max(0, age.toMillis() / 1000.0);
            }
          }
        }
      }
      return new Lag(events, seconds);
    } catch (SQLException e) {
      throw new IllegalStateException("could not measure a processor's lag", e);
    }
  }

  private void register(String name, StreamingEventProcessor processor) {
    Gauge.builder("iok.projection.lag.events", lags, m -> m.get(name).events())
        .description("Events in the store the processor has not handled yet (its slowest segment)")
        .tag("processor", name).register(registry);
    Gauge.builder("iok.projection.lag.seconds", lags, m -> m.get(name).seconds())
        .description("How long ago the oldest event the processor has not handled was appended; 0 when caught up")
        .tag("processor", name).register(registry);
    Gauge.builder("iok.projection.segments.claimed", processor, p -> p.processingStatus().size())
        .description("Segments of the processor this node holds now")
        .tag("processor", name).register(registry);
  }
}
