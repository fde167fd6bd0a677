package io.socketx.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The result of one load run, as printed and as written to {@code --json}. A "message" is one round
 * trip: sent by the generator, relayed to the upstream, echoed and relayed back. Latencies are in
 * microseconds.
 */
public record LoadReport(
    String scenario,
    String mode,
    String url,
    String transport,
    int connections,
    int messageSize,
    int inFlight,
    int targetRate,
    double seconds,
    long messagesSent,
    long messagesReceived,
    double messagesPerSecond,
    double sentPerSecond,
    double bytesPerSecond,
    Latency latency,
    long handshakes,
    double handshakesPerSecond,
    Latency handshakeLatency,
    int established,
    long errors,
    double generatorCpuSeconds,
    List<Long> watchedPids,
    double watchedCpuSeconds,
    double watchedCpuMicrosPerMessage,
    double watchedCpuMicrosPerHandshake,
    double machineBusy,
    double machineSoftirq,
    double machineSteal,
    Outcomes outcomes) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Percentiles of one histogram of nanosecond values, converted to microseconds. */
  public record Latency(
      long count, double p50, double p90, double p99, double p999, double max, double mean) {

    public static Latency of(Histogram h) {
      if (h.getTotalCount() == 0) {
        return new Latency(0, 0, 0, 0, 0, 0, 0);
      }
      return new Latency(
          h.getTotalCount(),
          micros(h.getValueAtPercentile(50)),
          micros(h.getValueAtPercentile(90)),
          micros(h.getValueAtPercentile(99)),
          micros(h.getValueAtPercentile(99.9)),
          micros(h.getMaxValue()),
          Math.round(h.getMean() / 100.0) / 10.0);
    }

    private static double micros(long nanos) {
      return Math.round(nanos / 100.0) / 10.0;
    }

    String text() {
      return String.format(
          Locale.ROOT,
          "p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f µs (n=%d)",
          p50,
          p90,
          p99,
          p999,
          max,
          count);
    }
  }

  /**
   * How the run's connections began and ended within the window: connects started, upgrades the
   * server refused with 503 (and how many of those carried {@code Retry-After}), close frames
   * received by close code, resets, and closes without a close frame. For the floods these are the
   * result; for a legitimate client every one of them is also counted in {@code errors}.
   */
  public record Outcomes(
      long attempts,
      double attemptsPerSecond,
      long refused,
      long refusedWithRetryAfter,
      Map<String, Long> closeCodes,
      long resets,
      long closedWithoutCloseFrame) {

    /** Connections the server ended: close frames of any code, resets and bare closes. */
    public long closedByServer() {
      return closeCodes.values().stream().mapToLong(Long::longValue).sum()
          + resets
          + closedWithoutCloseFrame;
    }

    String text() {
      return String.format(
          Locale.ROOT,
          "%d connects (%.0f/s), %d refused with 503 (%d with Retry-After), close frames %s,"
              + " %d resets, %d closed without a close frame",
          attempts,
          attemptsPerSecond,
          refused,
          refusedWithRetryAfter,
          closeCodes.isEmpty() ? "none" : closeCodes,
          resets,
          closedWithoutCloseFrame);
    }
  }

  /** Human-readable summary, one figure per line. */
  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%s %s -> %s (%s), %d connections, %d B, %s, %.1f s%n",
            scenario,
            mode,
            url,
            transport,
            connections,
            messageSize,
            targetRate > 0 ? "open loop " + targetRate + " msgs/s" : inFlight + " in flight",
            seconds));
    if (messagesSent > 0 || messagesReceived > 0) {
      b.append(
          String.format(
              Locale.ROOT,
              "  messages/s   %.0f echoed, %.0f sent (%.2f MB/s echoed)%n",
              messagesPerSecond,
              sentPerSecond,
              bytesPerSecond / 1e6));
      b.append("  latency      ").append(latency.text()).append('\n');
    }
    if (outcomes.refused() > 0 || outcomes.closedByServer() > 0 || scenario.endsWith("flood")) {
      b.append("  outcomes     ").append(outcomes.text()).append('\n');
    }
    if (handshakes > 0) {
      b.append(String.format(Locale.ROOT, "  handshakes/s %.0f%n", handshakesPerSecond));
      b.append("  handshake    ").append(handshakeLatency.text()).append('\n');
    }
    b.append(
        String.format(
            Locale.ROOT,
            "  established  %d, errors %d, generator CPU %.2f s%n",
            established,
            errors,
            generatorCpuSeconds));
    if (!watchedPids.isEmpty()) {
      b.append(
          String.format(
              Locale.ROOT,
              "  watched %s  CPU %.2f s = %.1f µs/msg, %.1f µs/handshake%n",
              watchedPids,
              watchedCpuSeconds,
              watchedCpuMicrosPerMessage,
              watchedCpuMicrosPerHandshake));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "  machine      busy %.1f %%, softirq %.1f %%, steal %.1f %%%n",
            machineBusy * 100,
            machineSoftirq * 100,
            machineSteal * 100));
    return b.toString();
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException("cannot render the report as JSON", e);
    }
  }

  public void write(Path path) throws IOException {
    Files.writeString(path, toJson());
  }

  public static LoadReport read(Path path) throws IOException {
    return JSON.readValue(path.toFile(), LoadReport.class);
  }
}
