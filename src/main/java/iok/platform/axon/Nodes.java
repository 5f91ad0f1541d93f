package iok.platform.axon;

import iok.platform.config.Config;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes sharing one database, and each one's fair share of a processor's segments. Axon's pooled
 * processors claim every segment they can; without a limit the first node would keep them all. Each
 * node says it is alive every heartbeat ({@code iok_node}), counts the live ones, and lets its processors
 * hold at most {@code ceil(segments / live nodes)}: Axon's coordinator releases what is above that, and
 * the other nodes claim it. When a node stops, it removes its row (or stops beating), the share of the
 * others grows, and they claim what it left.
 */
public final class Nodes implements MaxSegmentProvider, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Nodes.class);
  private static final String BEAT = """
      INSERT INTO iok_node (node_id, seen_at, started_at) VALUES (?, now(), now())
      ON CONFLICT (node_id) DO UPDATE SET seen_at = now()""";
  /** The first beat of this process: a node restarted under the same id is a new life of it. */
  private static final String BORN = """
      INSERT INTO iok_node (node_id, seen_at, started_at) VALUES (?, now(), now())
      ON CONFLICT (node_id) DO UPDATE SET seen_at = now(), started_at = now()""";
  private static final String LIVE = "SELECT count(*) FROM iok_node WHERE seen_at > now() - make_interval(secs => ?)";
  private static final String SEGMENTS = "SELECT processorname, count(*) FROM tokenentry GROUP BY processorname";
  private static final String GONE = "DELETE FROM iok_node WHERE node_id = ? OR seen_at < now() - interval '1 day'";

  private final DataSource dataSource;
  private final Config.Cluster cluster;
  private final ScheduledExecutorService timer;
  private volatile int live = 1;
  private volatile Map<String, Integer> segments = Map.of();

  public Nodes(DataSource dataSource, Config.Cluster cluster) {
    this.dataSource = dataSource;
    this.cluster = cluster;
    this.timer = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("iok-node-heartbeat").factory());
  }

  /** Says this node is alive before its processors start, then keeps saying it. */
  public void start() {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(BORN)) {
      s.setString(1, cluster.nodeId());
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not record this node's start", e);
    }
    beat();
    long every = cluster.heartbeat().toMillis();
    timer.scheduleWithFixedDelay(this::beatSafely, every, every, TimeUnit.MILLISECONDS);
  }

  public String nodeId() {
    return cluster.nodeId();
  }

  /** Nodes that said they are alive within the last three heartbeats, this one included. */
  public int live() {
    return live;
  }

  @Override
  public int getMaxSegments(String processorName) {
    Integer total = segments.get(processorName);
    if (total == null) return Short.MAX_VALUE; // its segments are not in the token store yet: the first claims them
    return Math.max(1, (total + live - 1) / live);
  }

  private void beatSafely() {
    try {
      beat();
    } catch (RuntimeException e) {
      log.warn("Could not tell the other nodes this one is alive; keeping the last share", e);
    }
  }

  private void beat() {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement s = c.prepareStatement(BEAT)) {
        s.setString(1, cluster.nodeId());
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement(LIVE)) {
        s.setDouble(1, cluster.heartbeat().toMillis() * 3 / 1000.0);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          live = Math.max(1, rs.getInt(1));
        }
      }
      Map<String, Integer> counted = new HashMap<>();
      try (PreparedStatement s = c.prepareStatement(SEGMENTS); ResultSet rs = s.executeQuery()) {
        while (rs.next()) counted.put(rs.getString(1), rs.getInt(2));
      }
      segments = Map.copyOf(counted);
    } catch (SQLException e) {
      throw new IllegalStateException("could not record this node's heartbeat", e);
    }
  }

  /** Called after the processors have released their segments: the others may take them at once. */
  @Override
  public void close() {
    timer.shutdownNow();
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(GONE)) {
      s.setString(1, cluster.nodeId());
      s.executeUpdate();
    } catch (SQLException e) {
      log.warn("Could not remove this node from the live ones; the others notice when its heartbeat stops", e);
    }
  }
}
