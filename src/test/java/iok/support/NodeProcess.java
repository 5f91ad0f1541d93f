package iok.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One IOK node in an operating-system process of its own, as production runs it: the benchmark measures
 * its memory apart from the load generator's, and the fault tests kill it with SIGKILL.
 */
public final class NodeProcess implements AutoCloseable {

  public static final String ADMIN_PASSWORD = "BenchAdmin1";
  /** How the benchmark's node JVM is started (its heap and collector). */
  public static final List<String> JVM_OPTIONS = List.of("-Xmx2g", "-XX:+UseG1GC");

  private final Process process;
  private final Path log;
  public final int port;

  private NodeProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** The built jar with the demo seed ({@code java -jar target/iok.jar --demo}), for the benchmark. */
  public static NodeProcess start(String dbUrl) throws Exception {
    List<String> jvm = new ArrayList<>(JVM_OPTIONS);
    String extra = System.getenv("IOK_BENCH_NODE_OPTS"); // a flight recording or a profiler agent, say
    if (extra != null && !extra.isBlank()) jvm.addAll(List.of(extra.trim().split("\\s+")));
    jvm.addAll(List.of("-jar", "target/iok.jar", "--demo"));
    Path log = Files.createDirectories(Path.of("target", "bench")).resolve("node.log");
    // the harness's simulated residents all sign in from 127.0.0.1
    return launch(jvm, dbUrl, Map.of("IOK_LOG_LEVEL", "WARN", "IOK_SSE_HEARTBEAT_SECONDS", "60",
        "IOK_AUTH_LIMIT_PER_ADDRESS", "1000000", "IOK_AUTH_LIMIT_PER_LOGIN", "1000000"), log);
  }

  /**
   * {@code iok.Main} from this test run's own classes ({@code java -cp <test class path> iok.Main}): tests run
   * before the jar is built. Surefire's manifest-only class-path jar works here too, since it names the rest.
   */
  public static NodeProcess fromTestClasses(String dbUrl, Map<String, String> env, Path log) throws Exception {
    List<String> jvm = List.of("-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "iok.Main");
    Files.createDirectories(log.getParent());
    return launch(jvm, dbUrl, env, log);
  }

  private static NodeProcess launch(List<String> jvmAndMain, String dbUrl, Map<String, String> extraEnv, Path log)
      throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmAndMain);
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.put("IOK_DB_URL", dbUrl);
    env.put("IOK_HTTP_PORT", String.valueOf(port));
    env.put("IOK_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("IOK_AUDITOR_PASSWORD", ADMIN_PASSWORD);
    env.putAll(new HashMap<>(extraEnv));
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    NodeProcess node = new NodeProcess(pb.start(), log, port);
    try {
      node.awaitHealthy(Duration.ofMinutes(3));
    } catch (Exception e) {
      node.kill();
      throw e;
    }
    return node;
  }

  public long pid() {
    return process.pid();
  }

  public String base() {
    return "http://127.0.0.1:" + port;
  }

  private void awaitHealthy(Duration within) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IllegalStateException("the node exited; see " + log);
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) return;
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the node did not become healthy; see " + log);
  }

  /** The node's resident memory (VmRSS) in kilobytes. */
  public long residentKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
    throw new IllegalStateException("no VmRSS for the node");
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or released; as a power cut is to the process. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
  }
}
