package iok.bench;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import iok.platform.auth.Passwords;
import iok.support.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark harness (issue 8): measures, on the machine it runs on and in one run, the database's
 * limit and the whole loop against it, and prints each figure beside its anchor. Not part of the test
 * run: {@code mvn -Pbench -DskipTests package exec:exec} (add {@code -Dbench.args=--quick} for a short run).
 * The node runs as its own process ({@code java -jar target/iok.jar --demo}) on an embedded PostgreSQL
 * with durable commits (fsync and synchronous_commit on); the load comes from this process.
 * {@code --only=commands,browser,fanout,login,replay} runs some of the measures, {@code --warm-up=S} sets how long
 * commands run before they are measured (10 s quick, 60 s full); {@code IOK_BENCH_NODE_OPTS}
 * adds JVM options to the node (a flight recording, say).
 */
public final class Bench {

  record Row(String measure, String result, String anchor, Boolean met) {}

  record Resident(String login, String token, String meterId, AtomicLong reading) {}

  private static final List<Row> ROWS = new ArrayList<>();
  private static final Map<String, Object> FIGURES = new LinkedHashMap<>();
  private static boolean quick;
  private static int warmUpSeconds;
  private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Warsaw"));

  private Bench() {}

  public static void main(String[] args) throws Exception {
    quick = List.of(args).contains("--quick");
    Set<String> only = List.of(args).stream().filter(a -> a.startsWith("--only=")).findFirst()
        .map(a -> Set.of(a.substring("--only=".length()).split(","))).orElse(Set.of("commands", "browser", "fanout", "login", "replay"));
    int seconds = quick ? 4 : 15;
    warmUpSeconds = List.of(args).stream().filter(a -> a.startsWith("--warm-up=")).findFirst()
        .map(a -> Integer.parseInt(a.substring("--warm-up=".length()))).orElse(quick ? 10 : 60);
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on").setServerConfig("max_connections", "300").start()) {
      try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE iok_bench");
      }
      String url = "postgresql://postgres@localhost:" + pg.getPort() + "/iok_bench";
      double dbLimit = databaseLimit(pg, seconds);
      try (NodeProcess node = NodeProcess.start(url); Client client = new Client(node.port, 12_000)) {
        String admin = client.login("sm-prudnik", "admin", NodeProcess.ADMIN_PASSWORD);
        List<Resident> residents = residents(client, admin, quick ? 16 : 64);
        double peak = only.contains("commands") || only.contains("browser") ? commands(client, residents, seconds, dbLimit, () -> CpuUse.now(node.pid(), pg.getPort())) : 0;
        if (only.contains("browser")) commitToBrowser(client, admin, residents, seconds, Math.min(1_000, 0.7 * peak));
        if (only.contains("fanout")) fanOut(node, client, admin, residents, 1_000, 30);
        if (only.contains("fanout") && !quick) fanOut(node, client, admin, residents, 10_000, 150);
        if (only.contains("login")) logins(client, residents, seconds);
        if (only.contains("replay")) replay(pg, client, admin, quick ? 100_000 : 1_000_000);
      }
    }
    report();
    System.exit(0);
  }

  // ------------------------------------------------------------------------------------------------ database

  /** Single-row insert-and-commit transactions per second with 16 clients, durable: what PostgreSQL can do here. */
  static double databaseLimit(EmbeddedPostgres pg, int seconds) throws Exception {
    try (Connection c = pg.getDatabase("postgres", "iok_bench").getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE bench_insert (id BIGSERIAL PRIMARY KEY, client INT NOT NULL, at TIMESTAMPTZ DEFAULT now())");
    }
    AtomicLong done = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      int client = i;
      clients.add(Thread.ofPlatform().start(() -> {
        try (Connection c = pg.getDatabase("postgres", "iok_bench").getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO bench_insert (client) VALUES (?)")) {
          c.setAutoCommit(true);
          while (running.get()) {
            insert.setInt(1, client);
            insert.executeUpdate();
            done.incrementAndGet();
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    Thread.sleep(1_000);
    long from = done.get();
    long start = System.nanoTime();
    Thread.sleep(seconds * 1_000L);
    double tps = (done.get() - from) / ((System.nanoTime() - start) / 1e9);
    running.set(false);
    for (Thread t : clients) t.join();
    row("Database limit: insert+commit tx/s, 16 clients, durable", fmt(tps) + " tx/s", "(the anchor)", null);
    FIGURES.put("databaseLimitTps", tps);
    return tps;
  }

  // ------------------------------------------------------------------------------------------------ set-up

  static List<Resident> residents(Client client, String admin, int count) {
    List<Resident> residents = new ArrayList<>();
    JsonArray premises = new JsonArray();
    JsonArray titles = new JsonArray();
    List<JsonObject> registered = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      JsonObject r = client.post("/api/admin/accounts", admin, new JsonObject().put("firstName", "Bench")
          .put("lastName", "Resident" + i)).json();
      registered.add(r);
      premises.add(new JsonObject().put("id", "BP-" + i).put("building", "B-3").put("address", "ul. Testowa 1")
          .put("number", String.valueOf(i + 1)).put("kind", "flat").put("area", "40.00"));
      titles.add(new JsonObject().put("id", "BT-" + i).put("premises", "BP-" + i).put("login", r.getString("login"))
          .put("kind", "tenancy").put("from", "2024-01-01"));
    }
    check(client.post("/api/admin/import/premises", admin, new JsonObject().put("rows", premises)), 200);
    check(client.post("/api/admin/import/titles", admin, new JsonObject().put("rows", titles)), 200);
    for (int i = 0; i < count; i++) {
      JsonObject r = registered.get(i);
      String token = client.login("sm-prudnik", r.getString("login"), r.getString("initialPassword"));
      String password = "Bench2026X" + i;
      check(client.post("/api/auth/password", token, new JsonObject().put("currentPassword", r.getString("initialPassword"))
          .put("newPassword", password)), 204);
      String version = client.get("/api/regulations/current", token).json().getString("version");
      check(client.post("/api/regulations/accept", token, new JsonObject().put("version", version)), 204);
      Client.Answer meter;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      do {
        meter = client.post("/api/admin/meters", admin, new JsonObject().put("premisesId", "BP-" + i).put("kind", "cold")
            .put("number", "BM-" + i).put("place", "łazienka").put("legalisedUntil", TODAY.plusYears(5).toString())
            .put("installedOn", TODAY.minusDays(30).toString()).put("initialValue", "0.000"));
      } while (meter.status() != 201 && System.nanoTime() < deadline);
      check(meter, 201);
      residents.add(new Resident(r.getString("login"), token, meter.json().getString("meterId"), new AtomicLong()));
    }
    return residents;
  }

  // ------------------------------------------------------------------------------------------------ commands

  static Future<Client.Answer> submitReading(Client client, Resident r) {
    long next = r.reading().incrementAndGet();
    String value = (next / 1000) + "." + String.format("%03d", next % 1000);
    return client.call(HttpMethod.POST, "/api/meters/" + r.meterId() + "/readings", r.token(),
        new JsonObject().put("value", value).put("readAt", TODAY.toString()).encode());
  }

  /** Closed loop at full concurrency (one reading in flight per resident), then an open loop at 70 % of that peak. */
  static double commands(Client client, List<Resident> residents, int seconds, double dbLimit,
                         java.util.function.Supplier<CpuUse> cpu) throws Exception {
    Latencies peakLatency = new Latencies();
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    CountDownLatch stopped = new CountDownLatch(residents.size());
    for (Resident r : residents) loop(client, r, running, peakLatency, ok, failed, stopped);
    // a node in service is warm: the JIT compiler takes most of a cold node's CPU for its first many seconds
    Thread.sleep(warmUpSeconds * 1_000L);
    peakLatency.clear();
    long from = ok.get();
    long start = System.nanoTime();
    CpuUse cpuBefore = cpu.get();
    Thread.sleep(seconds * 1_000L);
    long commands = ok.get() - from;
    CpuUse used = cpu.get().since(cpuBefore);
    double peak = commands / ((System.nanoTime() - start) / 1e9);
    running.set(false);
    stopped.await(30, TimeUnit.SECONDS);
    row("Commands end to end at peak (" + residents.size() + " residents, meter readings over HTTP)", fmt(peak) + " /s, p50 "
        + ms(peakLatency.percentileMillis(50)) + ", p99 " + ms(peakLatency.percentileMillis(99)) + ", failed "
        + failed.get(), "≥ 3,000 /s", peak >= 3_000);
    Latencies at70 = openLoop(client, residents, 0.7 * peak, seconds);
    row("Commands at 70 % of peak (" + fmt(0.7 * peak) + " /s)", "p50 " + ms(at70.percentileMillis(50)) + ", p99 "
        + ms(at70.percentileMillis(99)), "p99 ≤ 25 ms", at70.percentileMillis(99) <= 25);
    row("Commands peak / database limit", pct(peak / dbLimit), "≥ 40 %", peak / dbLimit >= 0.4);
    double perCommand = 1_000.0 / Math.max(1, commands);
    row("CPU per command at peak: node / PostgreSQL / load generator", String.format(java.util.Locale.ROOT,
        "%.2f / %.2f / %.2f ms", used.nodeSeconds() * perCommand, used.postgresSeconds() * perCommand,
        used.loadSeconds() * perCommand), "(what bounds the peak on " + Runtime.getRuntime().availableProcessors() + " cores)", null);
    FIGURES.put("cpuPerCommandNodeMs", used.nodeSeconds() * perCommand);
    FIGURES.put("cpuPerCommandPostgresMs", used.postgresSeconds() * perCommand);
    FIGURES.put("cpuPerCommandLoadMs", used.loadSeconds() * perCommand);
    // where the time went, as the node itself counted it
    Files.writeString(Files.createDirectories(Path.of("target", "bench")).resolve("metrics-after-commands.txt"),
        client.get("/metrics", null).body());
    FIGURES.put("commandsPeakPerSecond", peak);
    FIGURES.put("commandsPeakP50Ms", peakLatency.percentileMillis(50));
    FIGURES.put("commandsPeakP99Ms", peakLatency.percentileMillis(99));
    FIGURES.put("commandsAt70P50Ms", at70.percentileMillis(50));
    FIGURES.put("commandsAt70P99Ms", at70.percentileMillis(99));
    FIGURES.put("commandsToDatabaseLimit", peak / dbLimit);
    return peak;
  }

  private static void loop(Client client, Resident r, AtomicBoolean running, Latencies latencies, AtomicLong ok,
                           AtomicLong failed, CountDownLatch stopped) {
    if (!running.get()) {
      stopped.countDown();
      return;
    }
    long sent = System.nanoTime();
    submitReading(client, r).onComplete(answer -> {
      latencies.add((System.nanoTime() - sent) / 1_000);
      if (answer.succeeded() && answer.result().status() < 300) ok.incrementAndGet();
      else failed.incrementAndGet();
      loop(client, r, running, latencies, ok, failed, stopped);
    });
  }

  /**
   * Readings sent at a fixed rate whatever the answers do; latency counts from when a reading was due, so
   * a slow answer that delays the next one is counted against the system (no coordinated omission). A
   * resident has one reading in flight at a time; a reading due while all are busy waits, and its wait counts.
   */
  static Latencies openLoop(Client client, List<Resident> residents, double rate, int seconds) throws Exception {
    Latencies latencies = new Latencies();
    ConcurrentLinkedQueue<Resident> free = new ConcurrentLinkedQueue<>(residents);
    ConcurrentLinkedQueue<Long> due = new ConcurrentLinkedQueue<>();
    long intervalNanos = (long) (1e9 / rate);
    long start = System.nanoTime();
    Map<Integer, Latencies> perSecond = new ConcurrentHashMap<>();
    long end = start + seconds * 1_000_000_000L;
    Runnable[] dispatch = new Runnable[1];
    dispatch[0] = () -> {
      while (true) {
        Long dueAt = due.peek();
        if (dueAt == null) return;
        Resident r = free.poll();
        if (r == null) return;
        due.poll();
        submitReading(client, r).onComplete(answer -> {
          long micros = (System.nanoTime() - dueAt) / 1_000;
          latencies.add(micros);
          perSecond.computeIfAbsent((int) ((dueAt - start) / 1_000_000_000L), k -> new Latencies()).add(micros);
          free.add(r);
          dispatch[0].run();
        });
      }
    };
    long next = start;
    while (next < end) {
      long now = System.nanoTime();
      while (next <= now && next < end) {
        due.add(next);
        next += intervalNanos;
      }
      client.vertx.runOnContext(v -> dispatch[0].run());
      long sleep = next - System.nanoTime();
      if (sleep > 0) TimeUnit.NANOSECONDS.sleep(Math.min(sleep, 2_000_000));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while ((!due.isEmpty() || free.size() < residents.size()) && System.nanoTime() < deadline) {
      client.vertx.runOnContext(v -> dispatch[0].run());
      Thread.sleep(20);
    }
    // where the slow ones fall: spread evenly (queueing) or in a few seconds (a stall)
    StringBuilder seconds99 = new StringBuilder("    p99 per second (ms):");
    new java.util.TreeMap<>(perSecond).forEach((second, l) -> seconds99.append(' ').append((int) l.percentileMillis(99)));
    System.out.println(seconds99);
    return latencies;
  }

  // ------------------------------------------------------------------------------------------------ push

  /** From the HTTP answer of a fault status change to the reporter's SSE message, while readings stream in. */
  static void commitToBrowser(Client client, String admin, List<Resident> residents, int seconds, double rate)
      throws Exception {
    Resident reporter = residents.getLast();
    List<Resident> load = residents.subList(0, residents.size() - 1);
    Map<String, Long> arrived = new ConcurrentHashMap<>();
    HttpClientResponse stream = Sse.open(client.raw(), client.port(), reporter.token(), (event, data) -> {
      if (event.equals("fault.status-changed")) arrived.putIfAbsent(new JsonObject(data).getString("faultId"), System.nanoTime());
    }).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    Thread background = Thread.ofPlatform().start(() -> {
      try {
        openLoop(client, load, rate, seconds + 2);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(1_000);
    Latencies latencies = new Latencies();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      String fault = client.post("/api/faults", reporter.token(), new JsonObject().put("place", "Klatka")
          .put("title", "Pomiar").put("description", "Pomiar opóźnienia")).json().getString("faultId");
      long sent = System.nanoTime();
      Client.Answer moved = client.post("/api/admin/faults/" + fault + "/status", admin,
          new JsonObject().put("status", "accepted").put("comment", "ok"));
      long answered = System.nanoTime();
      if (moved.status() != 204) continue;
      long deadline = answered + TimeUnit.SECONDS.toNanos(5);
      while (!arrived.containsKey(fault) && System.nanoTime() < deadline) Thread.onSpinWait();
      Long at = arrived.get(fault);
      // counted from when the change was sent: the message often arrives before the answer, which waits for
      // the read model, so "from the answer" would be zero; this bound is the stricter one
      if (at != null) latencies.add((at - sent) / 1_000);
      Thread.sleep(50);
    }
    background.join();
    stream.request().reset();
    row("Commit to browser (from sending a fault status change to the reporter's SSE message) under " + fmt(rate) + " commands/s, " + latencies.count()
        + " samples", "p50 " + ms(latencies.percentileMillis(50)) + ", p99 " + ms(latencies.percentileMillis(99)),
        "p99 ≤ 50 ms at 1,000 /s", latencies.percentileMillis(99) <= 50 && rate >= 1_000);
    FIGURES.put("commitToBrowserRate", rate);
    FIGURES.put("commitToBrowserP50Ms", latencies.percentileMillis(50));
    FIGURES.put("commitToBrowserP99Ms", latencies.percentileMillis(99));
  }

  /** One announcement to N open SSE connections: time until each has it, and the node's memory per connection. */
  /**
   * One announcement to N open SSE connections: time until each has it, and the node's memory per connection.
   * Five announcements go out one after another; the first two warm the path up and the last three are counted.
   */
  static void fanOut(NodeProcess node, Client client, String admin, List<Resident> residents, int n, double targetMs)
      throws Exception {
    Thread.sleep(2_000);
    long heapBefore = heapAfterCollection(node, client);
    long rssBefore = node.residentKib(); // both right after a full collection, which also gives memory back
    Map<String, Long> arrived = new ConcurrentHashMap<>();
    List<HttpClientResponse> streams = new ArrayList<>();
    String marker = "Pomiar rozgłaszania " + n + " #";
    for (int batch = 0; batch < n; batch += 500) {
      List<Future<HttpClientResponse>> opening = new ArrayList<>();
      for (int i = batch; i < Math.min(n, batch + 500); i++) {
        int id = i;
        opening.add(Sse.open(client.raw(), node.port, residents.get(i % residents.size()).token(), (event, data) -> {
          int at = data.indexOf(marker);
          if (event.equals("announcement.published") && at >= 0) {
            arrived.putIfAbsent(data.charAt(at + marker.length()) + ":" + id, System.nanoTime());
          }
        }));
      }
      for (Future<HttpClientResponse> f : opening) streams.add(f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
    }
    Thread.sleep(3_000);
    long heapAfter = heapAfterCollection(node, client);
    long rssAfter = node.residentKib();
    Latencies latencies = new Latencies();
    int reached = 0;
    for (int round = 0; round < 5; round++) {
      String prefix = round + ":";
      long sent = System.nanoTime();
      check(client.post("/api/admin/announcements", admin, new JsonObject().put("title", marker + round)
          .put("body", "Pomiar").put("scope", "cooperative")), 201);
      long deadline = sent + TimeUnit.SECONDS.toNanos(30);
      while (arrived.keySet().stream().filter(k -> k.startsWith(prefix)).count() < n && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      if (round < 2) continue;
      reached = 0;
      for (Map.Entry<String, Long> e : arrived.entrySet()) {
        if (!e.getKey().startsWith(prefix)) continue;
        latencies.add((e.getValue() - sent) / 1_000); // from the publishing request sent
        reached++;
      }
      Thread.sleep(500);
    }
    double rssPerConnection = (rssAfter - rssBefore) * 1.024 / n;
    double heapPerConnection = (heapAfter - heapBefore) / 1000.0 / n;
    row("Fan-out: one announcement to " + fmt(n) + " SSE connections (" + reached + " reached, 3 rounds after 2 warm-up)",
        "p99 " + ms(latencies.percentileMillis(99)) + ", last " + ms(latencies.percentileMillis(100)),
        "p99 ≤ " + (int) targetMs + " ms", reached == n && latencies.percentileMillis(99) <= targetMs);
    // the resident set moves with the heap's own sizing by hundreds of kilobytes either way; the live heap is what
    // the connections hold, so it is the figure (the resident set's change is shown beside it)
    row("Node memory per open connection (" + fmt(n) + "): live heap after a full collection (change of the resident set)",
        String.format(java.util.Locale.ROOT, "%.1f KB (%+.1f KB)", heapPerConnection, rssPerConnection), "≤ 25 KB",
        heapPerConnection <= 25);
    FIGURES.put("fanOut" + n + "P99Ms", latencies.percentileMillis(99));
    FIGURES.put("fanOut" + n + "LastMs", latencies.percentileMillis(100));
    FIGURES.put("fanOut" + n + "Reached", reached);
    FIGURES.put("memoryPerConnectionKb" + n, rssPerConnection);
    FIGURES.put("heapPerConnectionKb" + n, heapPerConnection);
    for (HttpClientResponse s : streams) s.request().reset();
    Thread.sleep(2_000);
  }

  /**
   * The node's heap in use right after a full collection (jcmd GC.run, then its own /metrics): what open
   * connections really hold, which the resident set hides once the heap has grown during earlier measures.
   */
  static long heapAfterCollection(NodeProcess node, Client client) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process gc = new ProcessBuilder(java.replaceAll("java$", "jcmd"), String.valueOf(node.pid()), "GC.run")
        .redirectErrorStream(true).start();
    gc.getInputStream().readAllBytes();
    gc.waitFor(60, TimeUnit.SECONDS);
    long heap = 0;
    for (String line : client.get("/metrics", null).body().split("\n")) {
      if (line.startsWith("jvm_memory_used_bytes{area=\"heap\"")) {
        heap += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return heap;
  }

  // ------------------------------------------------------------------------------------------------ login, replay

  /** Logins over HTTP against what the cores can hash with the same Argon2id parameters. */
  static void logins(Client client, List<Resident> residents, int seconds) throws Exception {
    // the anchor: Argon2id on every core in a JVM started like the node's, while the node is idle
    double hashRate = HashRate.measure(NodeProcess.JVM_OPTIONS, seconds);
    int cores = Runtime.getRuntime().availableProcessors();
    AtomicLong logins = new AtomicLong();
    AtomicBoolean loggingIn = new AtomicBoolean(true);
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < cores * 2; i++) {
      int index = i;
      clients.add(Thread.ofPlatform().start(() -> {
        Resident r = residents.get(index % residents.size());
        while (loggingIn.get()) {
          Client.Answer a = client.post("/api/auth/login", null, new JsonObject().put("cooperative", "sm-prudnik")
              .put("login", r.login()).put("password", "Bench2026X" + (index % residents.size())));
          if (a.status() == 200) logins.incrementAndGet();
        }
      }));
    }
    Thread.sleep(3_000);
    long from = logins.get();
    long start = System.nanoTime();
    Thread.sleep(seconds * 1_000L);
    double loginRate = (logins.get() - from) / ((System.nanoTime() - start) / 1e9);
    loggingIn.set(false);
    for (Thread t : clients) t.join();
    row("Logins over HTTP vs Argon2id (" + Passwords.MEMORY_KIB + " KiB, " + Passwords.ITERATIONS + " passes) on "
        + cores + " cores: " + fmt(hashRate) + " hashes/s", fmt(loginRate) + " /s = " + pct(loginRate / hashRate),
        "≥ 80 %", loginRate / hashRate >= 0.8);
    FIGURES.put("loginsToHashRate", loginRate / hashRate);
    FIGURES.put("hashesPerSecond", hashRate);
    FIGURES.put("loginsPerSecond", loginRate);
  }

  /** Rebuilding the finance read model from a store of {@code events} ledger entries. */
  static void replay(EmbeddedPostgres pg, Client client, String admin, int events) throws Exception {
    try (Connection c = pg.getDatabase("postgres", "iok_bench").getConnection(); Statement s = c.createStatement()) {
      s.execute("""
          INSERT INTO domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp,
                                        payloadtype, payloadrevision, payload, metadata)
          SELECT gen_random_uuid()::text, 'sm-prudnik:ledger:BENCH-' || (i % 10000), i / 10000, 'Ledger',
                 to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                 'iok.finance.LedgerEvent$ChargeBooked', NULL,
                 json_build_object('ledgerId', 'sm-prudnik:ledger:BENCH-' || (i % 10000), 'cooperativeId', 'sm-prudnik',
                   'titleId', 'BENCH-' || (i % 10000), 'entryId', 'E-' || i, 'component', 'eksploatacja',
                   'month', '2025-01', 'dueDate', '2025-01-10', 'amount', '1.00')::text, '{}'
          FROM generate_series(0, """ + (events - 1) + ") AS i");
    }
    long stored;
    try (Connection c = pg.getDatabase("postgres", "iok_bench").getConnection(); Statement s = c.createStatement();
         var rs = s.executeQuery("SELECT count(*) FROM domainevententry")) {
      rs.next();
      stored = rs.getLong(1);
    }
    // every processor reads the new events once as news first; the rebuild is timed after that
    long caughtUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
    while (lagEvents(client) > 0 && System.nanoTime() < caughtUp) Thread.sleep(500);
    long start = System.nanoTime();
    check(client.post("/api/admin/projections/finance/replay", admin, null), 202);
    // done when every synthetic entry is in the read model again and the processor says it has caught up
    try (Connection c = pg.getDatabase("postgres", "iok_bench").getConnection();
         PreparedStatement count = c.prepareStatement("SELECT count(*) FROM ledger_entry WHERE title_id LIKE 'BENCH-%'")) {
      while (true) {
        try (var rs = count.executeQuery()) {
          rs.next();
          if (rs.getLong(1) >= events && client.get("/health", null).json().getJsonObject("replaying").isEmpty()) break;
        }
        Thread.sleep(100);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double rate = stored / seconds;
    row("Replay: rebuilding the finance read model from " + fmt(stored) + " stored events", fmt(rate) + " events/s ("
        + String.format("%.1f", seconds) + " s)", "≥ 30,000 /s", rate >= 30_000);
    FIGURES.put("replayEvents", stored);
    FIGURES.put("replayEventsPerSecond", rate);
  }

  /** The events the node's processors have still to read, summed, from its own /metrics. */
  static long lagEvents(Client client) {
    long lag = 0;
    for (String line : client.get("/metrics", null).body().split("\n")) {
      if (line.startsWith("iok_projection_lag_events{")) lag += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
    return lag;
  }

  // ------------------------------------------------------------------------------------------------ output

  private static void check(Client.Answer answer, int status) {
    if (answer.status() != status) throw new IllegalStateException("expected " + status + ", got " + answer.status() + ": "
        + answer.body());
  }

  private static void row(String measure, String result, String anchor, Boolean met) {
    ROWS.add(new Row(measure, result, anchor, met));
    System.out.println("  " + measure + ": " + result + "  [" + anchor + (met == null ? "" : met ? ", met" : ", MISSED") + "]");
  }

  private static String fmt(double value) {
    return String.format(java.util.Locale.ROOT, "%,.0f", value);
  }

  private static String ms(double millis) {
    return String.format(java.util.Locale.ROOT, "%.1f ms", millis);
  }

  private static String pct(double ratio) {
    return String.format(java.util.Locale.ROOT, "%.0f %%", ratio * 100);
  }

  private static void report() throws Exception {
    String machine = machine();
    StringBuilder table = new StringBuilder("| measure | result | target | met |\n|---|---|---|---|\n");
    for (Row r : ROWS) {
      table.append("| ").append(r.measure()).append(" | ").append(r.result()).append(" | ").append(r.anchor()).append(" | ")
          .append(r.met() == null ? "" : r.met() ? "yes" : "**no**").append(" |\n");
    }
    System.out.println();
    System.out.println("Machine: " + machine + (quick ? " (quick run)" : ""));
    System.out.println(table);
    JsonObject json = new JsonObject().put("machine", machine).put("quick", quick)
        .put("at", java.time.Instant.now().toString()).put("figures", new JsonObject(new LinkedHashMap<>(FIGURES)));
    JsonArray rows = new JsonArray();
    ROWS.forEach(r -> rows.add(new JsonObject().put("measure", r.measure()).put("result", r.result())
        .put("target", r.anchor()).put("met", r.met())));
    json.put("rows", rows);
    Path out = Files.createDirectories(Path.of("target", "bench"));
    Files.writeString(out.resolve("results.json"), json.encodePrettily());
    Files.writeString(out.resolve("results.md"), "Machine: " + machine + "\n\n" + table);
    System.out.println("Written: target/bench/results.json and target/bench/results.md");
  }

  private static String machine() throws Exception {
    String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
        .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
    long memKib = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
        .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
    return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + (memKib / 1024 / 1024) + " GiB, Java "
        + Runtime.version().feature();
  }
}
