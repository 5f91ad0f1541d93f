package iok.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time spent by the node, by PostgreSQL (its postmaster and every backend) and by the load generator,
 * read from {@code /proc}: what one command costs each of them, so the harness can say what bounds it.
 */
record CpuUse(double nodeSeconds, double postgresSeconds, double loadSeconds) {

  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  static CpuUse now(long nodePid, int postgresPort) {
    long postmaster = postmaster(postgresPort);
    double postgres = 0;
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) continue;
        long[] stat = stat(Long.parseLong(name));
        if (stat != null && (stat[0] == postmaster || stat[1] == postmaster)) postgres += stat[2] / TICKS_PER_SECOND;
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    long[] node = stat(nodePid);
    long[] load = stat(ProcessHandle.current().pid());
    return new CpuUse(node == null ? 0 : node[2] / TICKS_PER_SECOND, postgres, load == null ? 0 : load[2] / TICKS_PER_SECOND);
  }

  CpuUse since(CpuUse before) {
    return new CpuUse(nodeSeconds - before.nodeSeconds, postgresSeconds - before.postgresSeconds,
        loadSeconds - before.loadSeconds);
  }

  /** The postmaster listening on the port: the one process whose command line names it. */
  private static long postmaster(int port) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains("-p " + port)).orElse(false))
        .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
  }

  /** pid, parent pid, user+system ticks; null when the process is gone. */
  private static long[] stat(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new long[] {pid, Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12])};
    } catch (IOException | RuntimeException gone) {
      return null;
    }
  }
}
