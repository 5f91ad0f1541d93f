package iok.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One IOK node as production runs it — {@code java -jar target/iok.jar --demo} in a process of its own —
 * so that its memory is measured apart from the load generator's.
 */
final class NodeProcess implements AutoCloseable {

  static final String ADMIN_PASSWORD = "BenchAdmin1";

  private final Process process;
  final int port;

  private NodeProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static NodeProcess start(String dbUrl) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx2g", "-XX:+UseG1GC", "-jar", "target/iok.jar", "--demo"));
    Map<String, String> env = pb.environment();
    env.put("IOK_DB_URL", dbUrl);
    env.put("IOK_HTTP_PORT", String.valueOf(port));
    env.put("IOK_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("IOK_AUDITOR_PASSWORD", ADMIN_PASSWORD);
    env.put("IOK_LOG_LEVEL", "WARN");
    env.put("IOK_SSE_HEARTBEAT_SECONDS", "60");
    Path log = Files.createDirectories(Path.of("target", "bench")).resolve("node.log");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    NodeProcess node = new NodeProcess(pb.start(), port);
    node.awaitHealthy(Duration.ofMinutes(3));
    return node;
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  private void awaitHealthy(Duration within) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IllegalStateException("the node exited; see target/bench/node.log");
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) return;
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the node did not become healthy; see target/bench/node.log");
  }

  /** The node's resident memory (VmRSS) in kilobytes. */
  long residentKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
    throw new IllegalStateException("no VmRSS for the node");
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
  }
}
