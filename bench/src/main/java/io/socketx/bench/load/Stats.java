package io.socketx.bench.load;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters and latency recorders shared by all connections of one run; a measurement window is the
 * difference of two snapshots, so warm-up traffic never counts.
 *
 * <p>Echoes and handshakes are counted by their latency histograms alone: a recorder's interval
 * flip is atomic with respect to recording, so a window's message count, byte count and latency
 * count always agree, however busy the machine is while traffic still flows at the window's edge.
 */
final class Stats {
  private final long origin = System.nanoTime();
  private final LongAdder sent = new LongAdder();
  private final LongAdder echoes = new LongAdder(); // only for outstanding(), never for a window
  private final LongAdder errors = new LongAdder();
  private final Recorder latency = new Recorder(3);
  private final Recorder handshakeLatency = new Recorder(3);
  private final Outcomes outcomes = new Outcomes();
  private final List<Long> watchedPids;
  private final int messageSize;

  /** {@code messageSize} is the payload size of every message of the run. */
  Stats(List<Long> watchedPids, int messageSize) {
    this.watchedPids = List.copyOf(watchedPids);
    this.messageSize = messageSize;
  }

  /** Nanoseconds since this run began; never negative, so it can travel inside a message. */
  long now() {
    return System.nanoTime() - origin;
  }

  void sent() {
    sent.increment();
  }

  /** An echo came back: {@code stamp} is when it was sent (or, open loop, when it was due). */
  void echoed(long stamp) {
    echoes.increment();
    latency.recordValue(Math.max(0, now() - stamp));
  }

  void handshake(long startedAt) {
    handshakeLatency.recordValue(Math.max(0, now() - startedAt));
  }

  /** How connections began and ended: refusals, close codes, resets. */
  Outcomes outcomes() {
    return outcomes;
  }

  void error() {
    errors.increment();
  }

  long errors() {
    return errors.sum();
  }

  /** Starts a measurement window, discarding what the recorders hold so far. */
  synchronized Window begin() {
    latency.getIntervalHistogram();
    handshakeLatency.getIntervalHistogram();
    return new Window(
        now(),
        sent.sum(),
        errors.sum(),
        outcomes.snapshot(),
        cpuNanos(),
        ProcCpu.sample(watchedPids));
  }

  /** Messages sent and not (yet) echoed. */
  long outstanding() {
    return sent.sum() - echoes.sum();
  }

  /** Closes a window now. */
  Result end(Window window) {
    return end(window, now());
  }

  /**
   * Closes a window: counts, histograms and CPU time between begin and now; rates are per second of
   * {@code [begin, until]} (until precedes now when stragglers were awaited after sending).
   */
  synchronized Result end(Window window, long until) {
    Histogram lat = latency.getIntervalHistogram();
    Histogram hs = handshakeLatency.getIntervalHistogram();
    long received = lat.getTotalCount();
    Counts c =
        new Counts(
            sent.sum() - window.sent(),
            received,
            received * messageSize,
            hs.getTotalCount(),
            errors.sum() - window.errors(),
            outcomes.snapshot().minus(window.outcomes()));
    ProcCpu.Delta proc = ProcCpu.sample(watchedPids).since(window.proc());
    return new Result(
        (until - window.start()) / 1e9, c, lat, hs, (cpuNanos() - window.cpu()) / 1e9, proc);
  }

  private static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  record Counts(
      long sent,
      long received,
      long receivedBytes,
      long handshakes,
      long errors,
      Outcomes.Snapshot outcomes) {}

  record Window(
      long start, long sent, long errors, Outcomes.Snapshot outcomes, long cpu, ProcCpu proc) {}

  record Result(
      double seconds,
      Counts counts,
      Histogram latency,
      Histogram handshakeLatency,
      double cpuSeconds,
      ProcCpu.Delta proc) {}
}
