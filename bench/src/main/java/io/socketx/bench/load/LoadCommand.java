package io.socketx.bench.load;

import io.socketx.bench.Options;
import io.socketx.bench.report.LoadReport;
import io.socketx.bench.report.LoadReport.Latency;

/** The {@code load} command: runs one scenario and reports it as text and, optionally, JSON. */
public final class LoadCommand {
  private LoadCommand() {}

  /** Runs {@code options} to completion. */
  public static LoadReport run(LoadOptions options) throws Exception {
    try (LoadRun run = new LoadRun(options)) {
      MessagesRun.Outcome outcome =
          switch (options.scenario()) {
            case MESSAGES -> new MessagesRun(run).execute();
            case HANDSHAKES -> new HandshakesRun(run).execute();
            case IDLE -> new IdleRun(run).execute();
          };
      String transport = run.transport().name();
      if (options.secure()) {
        transport += "+" + Connector.provider().name().toLowerCase(java.util.Locale.ROOT);
      }
      return report(options, transport, outcome);
    }
  }

  /** Parses, runs and prints; returns the process exit code (1 when nothing was exchanged). */
  public static int main(String[] args) throws Exception {
    Options o = Options.parse(args);
    LoadOptions options = LoadOptions.from(o);
    o.rejectUnknown();
    LoadReport report = run(options);
    System.out.print(report.toText());
    if (options.json() != null) {
      report.write(options.json());
    }
    boolean useful =
        switch (options.scenario()) {
          case MESSAGES -> report.messagesReceived() > 0 || report.messagesSent() > 0;
          case HANDSHAKES -> report.handshakes() > 0;
          case IDLE -> report.established() > 0;
        };
    return useful ? 0 : 1;
  }

  private static LoadReport report(LoadOptions o, String transport, MessagesRun.Outcome outcome) {
    Stats.Result r = outcome.result();
    Stats.Counts c = r.counts();
    double s = r.seconds();
    return new LoadReport(
        Options.label(o.scenario()),
        Options.label(o.mode()),
        o.url().toString(),
        transport,
        o.connections(),
        o.size(),
        o.inFlight(),
        o.rate(),
        Math.round(s * 1000) / 1000.0,
        c.sent(),
        c.received(),
        round(c.received() / s),
        round(c.sent() / s),
        round(c.receivedBytes() / s),
        Latency.of(r.latency()),
        c.handshakes(),
        round(c.handshakes() / s),
        Latency.of(r.handshakeLatency()),
        outcome.established(),
        c.errors(),
        Math.round(r.cpuSeconds() * 1000) / 1000.0,
        o.watchPids(),
        Math.round(r.proc().watchedSeconds() * 100) / 100.0,
        perEvent(r.proc().watchedSeconds(), c.received()),
        perEvent(r.proc().watchedSeconds(), c.handshakes()),
        fraction(r.proc().busy()),
        fraction(r.proc().softirq()),
        fraction(r.proc().steal()));
  }

  private static double perEvent(double cpuSeconds, long events) {
    return events == 0 ? 0 : round(cpuSeconds * 1e6 / events);
  }

  private static double fraction(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
