package io.socketx.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time from {@code /proc}: user + system time of the watched processes (the proxy under test)
 * and the whole machine's busy, softirq and steal time, sampled at the edges of a measurement
 * window so warm-up and connection set-up never count.
 */
record ProcCpu(long watchedTicks, long machineTotal, long machineIdle, long softirq, long steal) {
  /** Clock ticks per second of {@code /proc} times; 100 on every Linux this runs on. */
  static final double TICKS_PER_SECOND = 100.0;

  /** A sample, or zeros where {@code /proc} is unreadable (not Linux). */
  static ProcCpu sample(List<Long> pids) {
    long watched = 0;
    for (long pid : pids) {
      watched += processTicks(pid);
    }
    long[] cpu = machineTicks();
    long total = 0;
    for (long t : cpu) {
      total += t;
    }
    // fields: user nice system idle iowait irq softirq steal guest guest_nice
    long idle = cpu.length > 4 ? cpu[3] + cpu[4] : 0;
    long softirq = cpu.length > 6 ? cpu[6] : 0;
    long steal = cpu.length > 7 ? cpu[7] : 0;
    if (cpu.length > 9) {
      total -= cpu[8] + cpu[9]; // guest time is already counted in user time
    }
    return new ProcCpu(watched, total, idle, softirq, steal);
  }

  /** What happened between {@code earlier} and this sample. */
  Delta since(ProcCpu earlier) {
    double total = Math.max(1, machineTotal - earlier.machineTotal);
    return new Delta(
        (watchedTicks - earlier.watchedTicks) / TICKS_PER_SECOND,
        1 - (machineIdle - earlier.machineIdle) / total,
        (softirq - earlier.softirq) / total,
        (steal - earlier.steal) / total);
  }

  /** Watched CPU seconds, and machine busy/softirq/steal as fractions of all CPUs' time. */
  record Delta(double watchedSeconds, double busy, double softirq, double steal) {}

  private static long processTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // the command name may contain spaces; fields are counted after its closing parenthesis
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long[] machineTicks() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
        if (line.startsWith("cpu ")) {
          String[] f = line.trim().split("\\s+");
          long[] v = new long[f.length - 1];
          for (int i = 1; i < f.length; i++) {
            v[i - 1] = Long.parseLong(f[i]);
          }
          return v;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no machine figures
    }
    return new long[0];
  }
}
