package iok.platform.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Applies IOK's schema scripts at start: the event store's from {@code event-store/}, then each
 * feature's read-model tables. Every script is idempotent, so this runs on every start; an advisory
 * lock keeps several nodes starting together from racing.
 */
public final class Schema {

  public static final String EVENT_STORE = "/event-store/schema.sql";
  private static final long MIGRATION_LOCK = 0x10C_5C4E3AL;

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Schema.class);

  private Schema() {}

  /** The write side's scripts are idempotent and run every time; read models are rebuilt when their version changes. */
  public static void apply(DataSource dataSource, List<String> scripts, List<ReadModel> readModels) {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
      try {
        s.execute(APPLIED);
        for (String script : scripts) applyOnce(c, script);
        s.execute(ReadModel.VERSIONS);
        for (ReadModel model : readModels) {
          if (model.prepare(c)) log.info("Read model {} is new or changed (version {}); it is rebuilt from the events",
              model.processor(), model.version());
        }
      } finally {
        s.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not apply the database schema: " + e.getMessage(), e);
    }
  }

  /**
   * What each idempotent script looked like when it was last run. A node that starts while others serve
   * runs no DDL at all when nothing changed: even "CREATE INDEX IF NOT EXISTS" takes a lock on its table,
   * and a script's statements run as one transaction, so it could deadlock with the running nodes' writes.
   */
  private static final String APPLIED = """
      CREATE TABLE IF NOT EXISTS schema_script (script TEXT PRIMARY KEY, sha256 TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)""";

  private static void applyOnce(Connection c, String script) throws SQLException {
    String text = read(script);
    String sha = sha256(text);
    try (java.sql.PreparedStatement q = c.prepareStatement("SELECT sha256 FROM schema_script WHERE script = ?")) {
      q.setString(1, script);
      try (java.sql.ResultSet rs = q.executeQuery()) {
        if (rs.next() && rs.getString(1).equals(sha)) return;
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute(text);
    }
    try (java.sql.PreparedStatement u = c.prepareStatement("""
        INSERT INTO schema_script (script, sha256, applied_at) VALUES (?, ?, now())
        ON CONFLICT (script) DO UPDATE SET sha256 = EXCLUDED.sha256, applied_at = EXCLUDED.applied_at""")) {
      u.setString(1, script);
      u.setString(2, sha);
      u.executeUpdate();
    }
  }

  static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  static String read(String resource) {
    try (InputStream in = Schema.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("schema script missing from the build: " + resource);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
