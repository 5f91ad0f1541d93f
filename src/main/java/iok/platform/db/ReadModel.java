package iok.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A projection's tables, with a version. When the version in the code differs from the one the
 * database was built with, the tables are dropped, the processor's tokens deleted, and the processor
 * rebuilds them from the event store when it starts: read models evolve by replay, not by migration.
 */
public record ReadModel(String processor, int version, String schema, List<String> tables) {

  static final String VERSIONS = """
      CREATE TABLE IF NOT EXISTS read_model_version (processor TEXT PRIMARY KEY, version INT NOT NULL)""";

  /** Runs under the schema lock, before any processor starts; answers whether it is rebuilding. */
  boolean prepare(Connection c) throws SQLException {
    Integer built = null;
    try (PreparedStatement s = c.prepareStatement("SELECT version FROM read_model_version WHERE processor = ?")) {
      s.setString(1, processor);
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) built = rs.getInt(1);
      }
    }
    boolean rebuild = built == null || built != version;
    // with the version current and its tables there, nothing is run: DDL would lock tables other nodes write
    if (!rebuild && tablesExist(c)) return false;
    try (Statement s = c.createStatement()) {
      if (rebuild) {
        for (String table : tables) s.execute("DROP TABLE IF EXISTS " + table + " CASCADE");
      }
      s.execute(Schema.read(schema));
    }
    if (rebuild) {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM tokenentry WHERE processorname = ?")) {
        s.setString(1, processor);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO read_model_version (processor, version) VALUES (?, ?) "
          + "ON CONFLICT (processor) DO UPDATE SET version = EXCLUDED.version")) {
        s.setString(1, processor);
        s.setInt(2, version);
        s.executeUpdate();
      }
    }
    return rebuild;
  }

  private boolean tablesExist(Connection c) throws SQLException {
    for (String table : tables) {
      try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
        s.setString(1, table);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          if (!rs.getBoolean(1)) return false;
        }
      }
    }
    return true;
  }
}
