package iok.bench;

import iok.platform.auth.Passwords;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the cores can hash: Argon2id with the production parameters on every core, warmed up, in a JVM of
 * its own started with the node's options, so the login figure is compared with what the node itself could
 * do rather than with the load generator's slower, busier JVM. Prints hashes per second.
 */
public final class HashRate {

  private HashRate() {}

  public static void main(String[] args) throws Exception {
    int seconds = Integer.parseInt(args[0]);
    Passwords passwords = new Passwords();
    String hash = passwords.hash("Bench2026X0");
    AtomicLong hashed = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    int cores = Runtime.getRuntime().availableProcessors();
    List<Thread> hashers = new ArrayList<>();
    for (int i = 0; i < cores; i++) {
      hashers.add(Thread.ofPlatform().start(() -> {
        while (running.get()) {
          passwords.matches("Bench2026X0", hash);
          hashed.incrementAndGet();
        }
      }));
    }
    Thread.sleep(5_000); // the JIT compiles the hashing first, as it has in a node that has served for a while
    long from = hashed.get();
    long start = System.nanoTime();
    Thread.sleep(seconds * 1_000L);
    double rate = (hashed.get() - from) / ((System.nanoTime() - start) / 1e9);
    running.set(false);
    for (Thread t : hashers) t.join();
    System.out.println(rate);
  }

  /** Runs this class in a JVM started like the node and answers its hashes per second. */
  static double measure(List<String> nodeJvmOptions, int seconds) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(nodeJvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), HashRate.class.getName(), String.valueOf(seconds)));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    if (p.waitFor() != 0) throw new IllegalStateException("the hash-rate JVM failed: " + out);
    return Double.parseDouble(out.substring(out.lastIndexOf('\n') + 1).trim());
  }
}
