package iok.support;

import iok.Iok;
import iok.demo.DemoSeed;
import iok.platform.auth.Passwords;
import iok.platform.config.Config;
import iok.platform.config.Config.DbUrl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole IOK node for a test: real PostgreSQL, real Axon, real HTTP on a free port, seeded with the
 * demo cooperatives. Argon2id runs with a small cost so the suite stays quick; the algorithm is the real one.
 */
public final class TestIok implements AutoCloseable {

  public static final String ADMIN_PASSWORD = "Admin1234";
  public static final String AUDITOR_PASSWORD = "Audit1234";

  private final Iok iok;
  private final DbUrl db;
  private final List<DemoSeed.Credential> credentials;

  private TestIok(Iok iok, DbUrl db, List<DemoSeed.Credential> credentials) {
    this.iok = iok;
    this.db = db;
    this.credentials = credentials;
  }

  public static TestIok start() {
    return start(TestDatabase.fresh(), Map.of());
  }

  /** Starts on the given database; the demo data are seeded only if not there yet. */
  public static TestIok start(DbUrl db, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("IOK_HTTP_PORT", "0");
    all.put("IOK_DB_URL", "postgresql://" + db.user() + "@" + db.host() + ":" + db.port() + "/" + db.database());
    all.put("IOK_ADMIN_PASSWORD", ADMIN_PASSWORD);
    all.put("IOK_AUDITOR_PASSWORD", AUDITOR_PASSWORD);
    all.putIfAbsent("IOK_SSE_HEARTBEAT_SECONDS", "20");
    all.putIfAbsent("IOK_SCHEDULER_POLL_SECONDS", "1");
    // the suite signs in hundreds of times from 127.0.0.1; AttemptLimitsTest sets realistic caps itself
    all.putIfAbsent("IOK_AUTH_LIMIT_PER_ADDRESS", "1000000");
    all.putIfAbsent("IOK_AUTH_LIMIT_PER_LOGIN", "1000000");
    Config config = Config.from(all);
    Passwords passwords = cheapPasswords();
    Iok iok = Iok.start(config, passwords);
    List<DemoSeed.Credential> credentials = DemoSeed.seedOnce(iok, config, passwords);
    TestIok node = new TestIok(iok, db, credentials);
    node.awaitProjections(java.time.Duration.ofSeconds(30));
    return node;
  }

  /**
   * Waits until every processor of this node has handled every stored event, so a test starts on read models
   * and live streams that the demo's seeding no longer moves (a stream opened while the meters' read model
   * still caught up with the seeded readings got their messages). Gives up quietly after {@code within}.
   */
  public void awaitProjections(java.time.Duration within) {
    long head = lastEventPosition();
    var processors = iok.axon().eventProcessingConfiguration().eventProcessors().values().stream()
        .filter(p -> p instanceof org.axonframework.eventhandling.StreamingEventProcessor)
        .map(p -> (org.axonframework.eventhandling.StreamingEventProcessor) p).toList();
    // a processor holding no segment here is another node's to bring up to date
    awaitUntil(() -> processors.stream().allMatch(p -> handled(p, head)), within);
  }

  /** Waits until the processor holds segments here and each has handled the event at {@code position}. */
  public void awaitProcessed(String processorName, long position, java.time.Duration within) {
    var processor = iok.axon().eventProcessingConfiguration()
        .eventProcessor(processorName, org.axonframework.eventhandling.StreamingEventProcessor.class).orElseThrow();
    awaitUntil(() -> !processor.processingStatus().isEmpty() && handled(processor, position), within);
  }

  private static boolean handled(org.axonframework.eventhandling.StreamingEventProcessor processor, long position) {
    return processor.processingStatus().values().stream().allMatch(st -> st.getCurrentPosition().orElse(-1L) >= position);
  }

  private static void awaitUntil(java.util.function.BooleanSupplier done, java.time.Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline && !done.getAsBoolean()) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The position of the newest stored event, or -1 when there is none. */
  public long lastEventPosition() {
    try (Connection c = iok.database().dataSource().getConnection(); PreparedStatement s =
             c.prepareStatement("SELECT coalesce(max(globalindex), -1) FROM domainevententry");
         ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Passwords cheapPasswords() {
    return new Passwords(1024, 1);
  }

  public Iok iok() {
    return iok;
  }

  public DbUrl db() {
    return db;
  }

  public ApiClient client() {
    return new ApiClient("http://localhost:" + iok.port());
  }

  public int port() {
    return iok.port();
  }

  /** A demo resident's login and initial password. */
  public DemoSeed.Credential resident(String cooperative, int index) {
    return credentials.stream().filter(c -> c.cooperative().equals(cooperative) && c.role().equals("resident"))
        .skip(index).findFirst().orElseThrow();
  }

  /** Counts stored events, optionally of one aggregate and one payload type (simple class name). */
  public long events(String aggregateId, String type) {
    String sql = "SELECT count(*) FROM domainevententry WHERE (? IS NULL OR aggregateidentifier = ?)"
        + " AND (? IS NULL OR payloadtype LIKE '%$' || ?)";
    try (Connection c = iok.database().dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, aggregateId);
      s.setString(2, aggregateId);
      s.setString(3, type);
      s.setString(4, type);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The one number a query answers, e.g. a count of events or rows; parameters bind in order. */
  public long count(String sql, Object... params) {
    try (Connection c = iok.database().dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) s.setObject(i + 1, params[i]);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public long allEvents() {
    return events(null, null);
  }

  @Override
  public void close() {
    iok.close();
  }
}
