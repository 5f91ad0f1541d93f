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
        for (String script : scripts) s.execute(read(script));
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

  static String read(String resource) {
    try (InputStream in = Schema.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("schema script missing from the build: " + resource);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
