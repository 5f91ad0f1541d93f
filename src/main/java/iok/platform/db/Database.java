package iok.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import iok.platform.config.Config;
import iok.platform.config.Config.DbUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one PostgreSQL IOK uses: an external one when {@code IOK_DB_URL} names it, otherwise real
 * PostgreSQL binaries started from {@code IOK_DATA_DIR/postgres}, kept across restarts.
 * Blocking JDBC (Hikari) serves Axon; the reactive client is built from {@link #url()} by the HTTP side.
 */
public final class Database implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final EmbeddedPostgres embedded;
  private final DbUrl url;
  private final HikariDataSource dataSource;

  private Database(EmbeddedPostgres embedded, DbUrl url, int poolSize) {
    this.embedded = embedded;
    this.url = url;
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(url.jdbcUrl());
    hikari.setUsername(url.user());
    hikari.setPassword(url.password());
    hikari.setMaximumPoolSize(poolSize);
    hikari.setPoolName("iok-jdbc");
    // fail fast when the database is away, so requests answer 503 instead of queueing
    hikari.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
    hikari.setInitializationFailTimeout(Duration.ofSeconds(60).toMillis());
    hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
    hikari.addDataSourceProperty("ApplicationName", "iok");
    this.dataSource = new HikariDataSource(hikari);
  }

  public static Database start(Config config) {
    if (config.externalDb().isPresent()) {
      DbUrl url = config.externalDb().get();
      log.info("Using PostgreSQL at {}:{}/{}", url.host(), url.port(), url.database());
      return new Database(null, url, config.dbPoolSize());
    }
    Path dir = config.dataDir().resolve("postgres").toAbsolutePath();
    try {
      Files.createDirectories(dir);
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          .setDataDirectory(dir)
          .setCleanDataDirectory(false)
          .setPGStartupWait(Duration.ofSeconds(60))
          .start();
      log.info("Started embedded PostgreSQL on port {} with data in {}", pg.getPort(), dir);
      return new Database(pg, new DbUrl("localhost", pg.getPort(), "postgres", "postgres", ""), config.dbPoolSize());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dir, e);
    }
  }

  /** Reports the JDBC pool (connections active, idle, pending, time to acquire) to the node's metrics. */
  public void observe(io.micrometer.core.instrument.MeterRegistry registry) {
    dataSource.setMetricsTrackerFactory(new com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory(registry));
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public DbUrl url() {
    return url;
  }

  @Override
  public void close() {
    dataSource.close();
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        log.warn("Embedded PostgreSQL did not stop cleanly", e);
      }
    }
  }
}
