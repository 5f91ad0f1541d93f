package iok.platform.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything IOK reads from its environment, read once at start. Tests build one from their own map,
 * so nothing depends on the process environment of the test JVM.
 */
public record Config(
    int httpPort,
    Path dataDir,
    Optional<DbUrl> externalDb,
    Optional<String> adminPassword,
    Optional<String> auditorPassword,
    boolean jsonLogs,
    Duration sessionLifetime,
    boolean secureCookies,
    int bodyLimitBytes,
    Duration heartbeat,
    Duration schedulerPolling,
    Optional<Smtp> smtp,
    Optional<SmsApi> sms,
    Duration deliveryRetry,
    Duration reminderCheck,
    Duration paymentValidity,
    boolean gatewayDouble,
    MasterKeys masterKey,
    Cluster cluster,
    Optional<String> metricsToken,
    int dbPoolSize,
    AuthLimits authLimits,
    int trustedProxies,
    Optional<Path> jwtKeyFile,
    int httpInstances) {

  public static Config fromEnvironment() {
    return from(System.getenv());
  }

  public static Config from(Map<String, String> env) {
    return new Config(
        intValue(env, "IOK_HTTP_PORT", 8080),
        Path.of(env.getOrDefault("IOK_DATA_DIR", "./data")),
        Optional.ofNullable(blankToNull(env.get("IOK_DB_URL"))).map(DbUrl::parse),
        Optional.ofNullable(blankToNull(env.get("IOK_ADMIN_PASSWORD"))),
        Optional.ofNullable(blankToNull(env.get("IOK_AUDITOR_PASSWORD"))),
        "json".equalsIgnoreCase(env.getOrDefault("IOK_LOG_FORMAT", "plain")),
        Duration.ofMinutes(intValue(env, "IOK_SESSION_MINUTES", 480)),
        Boolean.parseBoolean(env.getOrDefault("IOK_COOKIE_SECURE", "false")),
        intValue(env, "IOK_BODY_LIMIT_BYTES", 262_144),
        Duration.ofSeconds(intValue(env, "IOK_SSE_HEARTBEAT_SECONDS", 20)),
        Duration.ofSeconds(intValue(env, "IOK_SCHEDULER_POLL_SECONDS", 10)),
        Optional.ofNullable(blankToNull(env.get("IOK_SMTP_HOST"))).map(host -> new Smtp(host,
            intValue(env, "IOK_SMTP_PORT", 25),
            Optional.ofNullable(blankToNull(env.get("IOK_SMTP_USER"))),
            Optional.ofNullable(blankToNull(env.get("IOK_SMTP_PASSWORD"))),
            env.getOrDefault("IOK_SMTP_FROM", "IOK <no-reply@iok.localhost>"),
            Smtp.Tls.of(env.getOrDefault("IOK_SMTP_TLS", "optional")))),
        Optional.ofNullable(blankToNull(env.get("IOK_SMS_URL"))).map(url -> new SmsApi(URI.create(url),
            env.getOrDefault("IOK_SMS_TOKEN", ""), Optional.ofNullable(blankToNull(env.get("IOK_SMS_FROM"))))),
        Duration.ofSeconds(intValue(env, "IOK_DELIVERY_RETRY_SECONDS", 30)),
        Duration.ofSeconds(intValue(env, "IOK_REMINDER_CHECK_SECONDS", 3600)),
        // the seconds form is for tests, which cannot wait a minute for a payment to expire
        env.containsKey("IOK_PAYMENT_VALIDITY_SECONDS")
            ? Duration.ofSeconds(intValue(env, "IOK_PAYMENT_VALIDITY_SECONDS", 1800))
            : Duration.ofMinutes(intValue(env, "IOK_PAYMENT_VALIDITY_MINUTES", 30)),
        Boolean.parseBoolean(env.getOrDefault("IOK_GATEWAY_DOUBLE", "false")),
        new MasterKeys(Optional.ofNullable(blankToNull(env.get("IOK_MASTER_KEY"))),
            Optional.ofNullable(blankToNull(env.get("IOK_MASTER_KEY_PREVIOUS")))),
        new Cluster(Optional.ofNullable(blankToNull(env.get("IOK_NODE_ID"))).orElseGet(Cluster::someNodeId),
            Duration.ofMillis(intValue(env, "IOK_SEGMENT_CLAIM_INTERVAL_MS", 5_000)),
            Duration.ofSeconds(intValue(env, "IOK_SEGMENT_CLAIM_TIMEOUT_SECONDS", 10)),
            Duration.ofMillis(intValue(env, "IOK_NODE_HEARTBEAT_MS", 5_000))),
        Optional.ofNullable(blankToNull(env.get("IOK_METRICS_TOKEN"))),
        intValue(env, "IOK_DB_POOL_SIZE", 32),
        new AuthLimits(Duration.ofSeconds(intValue(env, "IOK_AUTH_LIMIT_WINDOW_SECONDS", 600)),
            intValue(env, "IOK_AUTH_LIMIT_PER_ADDRESS", 100),
            intValue(env, "IOK_AUTH_LIMIT_PER_LOGIN", 10)),
        intValue(env, "IOK_TRUSTED_PROXIES", 0),
        Optional.ofNullable(blankToNull(env.get("IOK_JWT_KEY_FILE"))).map(Path::of),
        // one event loop per core serves HTTP: requests, and the writes of a message to thousands of streams
        intValue(env, "IOK_HTTP_INSTANCES", Runtime.getRuntime().availableProcessors()));
  }

  /** {@code --demo} brings the local gateway double along, so paying works on a machine without internet. */
  public Config withGatewayDouble() {
    return new Config(httpPort, dataDir, externalDb, adminPassword, auditorPassword, jsonLogs, sessionLifetime,
        secureCookies, bodyLimitBytes, heartbeat, schedulerPolling, smtp, sms, deliveryRetry, reminderCheck,
        paymentValidity, true, masterKey, cluster, metricsToken, dbPoolSize, authLimits, trustedProxies, jwtKeyFile,
        httpInstances);
  }

  /**
   * The master key that seals IOK's own keys (base64 of 32 bytes), and while it is being changed the one
   * before it, whose sealed keys are opened once and sealed again under the new one.
   */
  public record MasterKeys(Optional<String> current, Optional<String> previous) {}

  /**
   * How this node shares the database with others. {@code nodeId} names its segment claims in the token
   * store, so it must differ between nodes running at the same time: by default the process and host with
   * a random suffix. A node looks for unclaimed segments every {@code claimInterval}; a node that stops
   * without releasing its segments loses them after {@code claimTimeout}; each node says it is alive every
   * {@code heartbeat}, and counts as gone after three missed ones.
   */
  public record Cluster(String nodeId, Duration claimInterval, Duration claimTimeout, Duration heartbeat) {
    static String someNodeId() {
      String process = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
      return process + "-" + Long.toHexString(new java.security.SecureRandom().nextLong() >>> 16);
    }
  }

  /**
   * How many sign-ins and password changes one client address, and one login (or account), may try within
   * {@code window} before answering 429: the address limit stops guessing across many logins, the login
   * limit hammering one (beside the cooperative's lockout).
   */
  public record AuthLimits(Duration window, int perAddress, int perLogin) {}

  /** The cooperative's outgoing mail server; without it nobody is told by e-mail. */
  public record Smtp(String host, int port, Optional<String> user, Optional<String> password, String from, Tls tls) {

    /** {@code IOK_SMTP_TLS}: STARTTLS required, used when offered, or never; {@code ssl} for port 465. */
    public enum Tls {
      REQUIRED, OPTIONAL, DISABLED, SSL;

      static Tls of(String raw) {
        try {
          return valueOf(raw.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("IOK_SMTP_TLS must be required, optional, disabled or ssl, got '" + raw + "'");
        }
      }
    }
  }

  /** An SMS provider speaking the SMSAPI.pl protocol ({@code POST .../sms.do}, Bearer token). */
  public record SmsApi(URI url, String token, Optional<String> from) {}

  private static int intValue(Map<String, String> env, String name, int fallback) {
    String value = blankToNull(env.get(name));
    if (value == null) return fallback;
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** {@code postgresql://user:pass@host:port/db}, the form API.md names; a {@code jdbc:} prefix is tolerated. */
  public record DbUrl(String host, int port, String database, String user, String password) {
    public static DbUrl parse(String raw) {
      String s = raw.startsWith("jdbc:") ? raw.substring(5) : raw;
      URI uri = URI.create(s);
      if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
        throw new IllegalArgumentException("IOK_DB_URL must look like postgresql://user:pass@host:port/db");
      }
      String user = "postgres";
      String password = "";
      if (uri.getRawUserInfo() != null) {
        String[] parts = uri.getUserInfo().split(":", 2);
        user = parts[0];
        if (parts.length > 1) password = parts[1];
      }
      String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
      return new DbUrl(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), db, user, password);
    }

    public String jdbcUrl() {
      return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
  }
}
