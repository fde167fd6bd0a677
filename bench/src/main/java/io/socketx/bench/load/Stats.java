package io.socketx.bench.load;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters and latency recorders shared by all connections of one run; a measurement window is the
 * difference of two snapshots, so warm-up traffic never counts.
 */
final class Stats {
  private final long origin = System.nanoTime();
  private final LongAdder sent = new LongAdder();
  private final LongAdder received = new LongAdder();
  private final LongAdder receivedBytes = new LongAdder();
  private final LongAdder handshakes = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final Recorder latency = new Recorder(3);
  private final Recorder handshakeLatency = new Recorder(3);
  private final List<Long> watchedPids;

  Stats(List<Long> watchedPids) {
    this.watchedPids = List.copyOf(watchedPids);
  }

  /** Nanoseconds since this run began; never negative, so it can travel inside a message. */
  long now() {
    return System.nanoTime() - origin;
  }

  void sent() {
    sent.increment();
  }

  /** An echo came back: {@code stamp} is when it was sent (or, open loop, when it was due). */
  void echoed(long stamp, int bytes) {
    received.increment();
    receivedBytes.add(bytes);
    latency.recordValue(Math.max(0, now() - stamp));
  }

  void handshake(long startedAt) {
    handshakes.increment();
    handshakeLatency.recordValue(Math.max(0, now() - startedAt));
  }

  void error() {
    errors.increment();
  }

  long errors() {
    return errors.sum();
  }

  /** Starts a measurement window, discarding what the recorders hold so far. */
  Window begin() {
    latency.getIntervalHistogram();
    handshakeLatency.getIntervalHistogram();
    return new Window(now(), counts(), cpuNanos(), ProcCpu.sample(watchedPids));
  }

  /** Messages sent and not (yet) echoed. */
  long outstanding() {
    return sent.sum() - received.sum();
  }

  /** Closes a window now. */
  Result end(Window window) {
    return end(window, now());
  }

  /**
   * Closes a window: counts, histograms and CPU time between begin and now; rates are per second of
   * {@code [begin, until]} (until precedes now when stragglers were awaited after sending).
   */
  Result end(Window window, long until) {
    long end = until;
    Histogram lat = latency.getIntervalHistogram();
    Histogram hs = handshakeLatency.getIntervalHistogram();
    Counts c = counts().minus(window.counts());
    ProcCpu.Delta proc = ProcCpu.sample(watchedPids).since(window.proc());
    return new Result(
        (end - window.start()) / 1e9, c, lat, hs, (cpuNanos() - window.cpu()) / 1e9, proc);
  }

  private Counts counts() {
    return new Counts(
        sent.sum(), received.sum(), receivedBytes.sum(), handshakes.sum(), errors.sum());
  }

  private static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  record Counts(long sent, long received, long receivedBytes, long handshakes, long errors) {
    Counts minus(Counts o) {
      return new Counts(
          sent - o.sent,
          received - o.received,
          receivedBytes - o.receivedBytes,
          handshakes - o.handshakes,
          errors - o.errors);
    }
  }

  record Window(long start, Counts counts, long cpu, ProcCpu proc) {}

  record Result(
      double seconds,
      Counts counts,
      Histogram latency,
      Histogram handshakeLatency,
      double cpuSeconds,
      ProcCpu.Delta proc) {}
}
