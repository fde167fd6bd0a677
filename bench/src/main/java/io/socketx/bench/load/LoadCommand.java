package io.socketx.bench.load;

import io.socketx.bench.Main;
import io.socketx.bench.OptionConverters;
import io.socketx.bench.OptionRange;
import io.socketx.bench.report.LoadReport;
import io.socketx.bench.report.LoadReport.Latency;
import io.socketx.protocol.Suite;
import io.socketx.protocol.v2.Fingerprint;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** The {@code load} command: runs one scenario and reports it as text and, optionally, JSON. */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Generate load and report msgs/s, bytes/s, latency percentiles and handshakes/s.",
      "Exits 1 when nothing was exchanged, 2 for a bad command line."
    })
public final class LoadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--mode",
      paramLabel = "plain|socketx",
      defaultValue = "plain",
      description = "Plain ws(s) or the SocketX protocol (default: plain).")
  LoadOptions.Mode mode;

  @Option(
      names = "--url",
      paramLabel = "URL",
      defaultValue = "ws://127.0.0.1:9001/",
      description = "ws[s]://host:port/path of the server to load (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(
      names = "--scenario",
      paramLabel = "SCENARIO",
      defaultValue = "messages",
      converter = ScenarioConverter.class,
      description = {
        "What to do with the connections (default: messages):",
        "  messages         echo messages (closed loop, or --rate)",
        "  handshakes       connect, handshake, close, repeat; with --rate: that many new"
            + " sessions a second, open loop",
        "  idle             hold --connections connections",
        "Floods (attacks; refusals and closes are counted, not errors):",
        "  ping-flood       upgrade (socketx mode: also handshake), never read, send pings of"
            + " --ping-size as fast as the socket takes them; a closed connection is replaced",
        "  handshake-flood  upgrade, send one fixed CLIENT_HELLO (one key share for the whole"
            + " run, --suite), close on SERVER_HELLO, repeat on --connections slots",
        "  upgrade-flood    upgrade (SocketX subprotocol) and send nothing until the server"
            + " closes, repeat on --connections slots"
      })
  LoadOptions.Scenario scenario;

  @Option(
      names = "--connections",
      paramLabel = "N",
      defaultValue = "64",
      description = "Connections, or handshake slots (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(
      names = "--size",
      paramLabel = "BYTES",
      defaultValue = "1024",
      converter = OptionConverters.Size.class,
      description = "Message size, e.g. 64, 1k, 16KiB (default: ${DEFAULT-VALUE}).")
  long size;

  @Option(
      names = "--in-flight",
      paramLabel = "N",
      defaultValue = "1",
      description = "Closed loop: echoes outstanding per connection (default: ${DEFAULT-VALUE}).")
  int inFlight;

  @Option(
      names = "--rate",
      paramLabel = "MSGS_PER_S",
      defaultValue = "0",
      description =
          "Open loop at this total rate instead (default: 0, closed loop); handshake scenarios:"
              + " new connections a second.")
  long rate;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = OptionConverters.Span.class,
      description = "Measurement window, e.g. 500ms, 10s, 2m (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(
      names = "--warmup",
      paramLabel = "DURATION",
      defaultValue = "3s",
      converter = OptionConverters.Span.class,
      description = "Warm-up before the window (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Event loop threads (default: available processors).")
  Integer threads;

  @Option(
      names = "--suite",
      paramLabel = "0|512|768|1024",
      defaultValue = "768",
      converter = OptionConverters.Strength.class,
      description = "SocketX suite the client prefers (default: ${DEFAULT-VALUE}).")
  Suite suite;

  @Option(
      names = "--pin",
      paramLabel = "FINGERPRINT",
      description =
          "SocketX: accept only this proxy identity (repeatable); without it any identity is"
              + " accepted (the proxy's handshake work is the same).")
  List<String> pins = new ArrayList<>();

  @Option(
      names = "--source-addresses",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Spread connections over N source addresses from --first-source-address on (default:"
              + " ${DEFAULT-VALUE}); the proxy's per-source limits key on them.")
  int sourceAddresses;

  @Option(
      names = "--first-source-address",
      paramLabel = "127.X.Y.Z",
      defaultValue = "127.0.0.1",
      description = "First loopback source address (default: ${DEFAULT-VALUE}).")
  String firstSourceAddress;

  @Option(
      names = "--ping-size",
      paramLabel = "BYTES",
      defaultValue = "125",
      description = "ping-flood: payload of each ping, 0-125 (default: ${DEFAULT-VALUE}).")
  int pingSize;

  @Option(
      names = "--receive-buffer",
      paramLabel = "BYTES",
      defaultValue = "0",
      converter = OptionConverters.Size.class,
      description =
          "SO_RCVBUF of each connection, e.g. 4k (default: 0, the system's); a flood that never"
              + " reads keeps it small.")
  long receiveBuffer;

  @Option(
      names = "--connect-concurrency",
      paramLabel = "N",
      defaultValue = "256",
      description = "Idle: connects in progress at once (default: ${DEFAULT-VALUE}).")
  int connectConcurrency;

  @Option(
      names = "--idle-interval",
      paramLabel = "DURATION",
      defaultValue = "0s",
      converter = OptionConverters.Span.class,
      description = "Idle: each connection sends one message this often (default: never).")
  Duration idleInterval;

  @Option(
      names = "--tls-ciphers",
      paramLabel = "LIST",
      description = "wss: TLS 1.3 cipher suites to offer.")
  String tlsCiphers;

  @Option(
      names = "--watch-pids",
      paramLabel = "PID,PID",
      split = ",",
      description = "Report these processes' CPU time per message/handshake.")
  List<Long> watchPids = new ArrayList<>();

  @Option(
      names = "--ready-file",
      paramLabel = "PATH",
      description = "Idle: written once all connections are settled.")
  Path readyFile;

  @Option(names = "--json", paramLabel = "PATH", description = "Also write the report as JSON.")
  Path json;

  /** Runs {@code options} to completion. */
  public static LoadReport run(LoadOptions options) throws Exception {
    try (LoadRun run = new LoadRun(options)) {
      MessagesRun.Outcome outcome =
          switch (options.scenario()) {
            case MESSAGES -> new MessagesRun(run).execute();
            case HANDSHAKES -> new HandshakesRun(run).execute();
            case IDLE -> new IdleRun(run).execute();
            case PING_FLOOD -> new PingFloodRun(run).execute();
            case HANDSHAKE_FLOOD, UPGRADE_FLOOD -> new HandshakesRun(run).execute();
          };
      String transport = run.transport().name();
      if (options.secure()) {
        transport += "+" + Connector.provider().name().toLowerCase(Locale.ROOT);
      }
      return report(options, transport, outcome);
    }
  }

  /** Runs, prints the report; returns 1 when nothing was exchanged. */
  @Override
  public Integer call() throws Exception {
    LoadOptions options = options();
    LoadReport report = run(options);
    PrintWriter out = spec.commandLine().getOut();
    out.print(report.toText());
    out.flush();
    if (options.json() != null) {
      report.write(options.json());
    }
    boolean useful =
        switch (options.scenario()) {
          case MESSAGES -> report.messagesReceived() > 0 || report.messagesSent() > 0;
          case HANDSHAKES -> report.handshakes() > 0;
          case IDLE -> report.established() > 0;
          case PING_FLOOD -> report.messagesSent() > 0;
          case HANDSHAKE_FLOOD, UPGRADE_FLOOD -> report.outcomes().attempts() > 0;
        };
    return useful ? 0 : 1;
  }

  /**
   * The parsed options, checked together.
   *
   * @throws ParameterException naming the option that is out of range or inconsistent
   */
  public LoadOptions options() {
    URI uri = url(url);
    int sources = OptionRange.check(spec, "--source-addresses", sourceAddresses, 1, 250);
    int first = loopback(firstSourceAddress);
    if (first + sources - 1 > 0xfffffe) {
      throw new ParameterException(
          spec.commandLine(),
          "--first-source-address " + firstSourceAddress + " leaves no room for " + sources);
    }
    if (duration.isZero()) {
      throw new ParameterException(spec.commandLine(), "--duration must be more than 0");
    }
    if ((sources > 1 || first != 1) && !uri.getHost().startsWith("127.")) {
      throw new ParameterException(
          spec.commandLine(), "--source-addresses needs a 127.x.x.x --url, not " + uri.getHost());
    }
    if (scenario == LoadOptions.Scenario.PING_FLOOD && rate > 0) {
      throw new ParameterException(
          spec.commandLine(), "--rate does not apply to ping-flood: it sends as fast as it can");
    }
    int processors = Runtime.getRuntime().availableProcessors();
    return new LoadOptions(
        scenario.alwaysSocketx() ? LoadOptions.Mode.SOCKETX : mode,
        uri,
        scenario,
        OptionRange.check(spec, "--connections", connections, 1, 1_000_000),
        OptionRange.check(spec, "--size", size, LoadOptions.MIN_SIZE, 16 * 1024 * 1024),
        OptionRange.check(spec, "--in-flight", inFlight, 1, 100_000),
        OptionRange.check(spec, "--rate", rate, 0, Integer.MAX_VALUE),
        duration,
        warmup,
        OptionRange.check(spec, "--threads", threads == null ? processors : threads, 1, 256),
        suite,
        pins(),
        sources,
        first,
        OptionRange.check(spec, "--connect-concurrency", connectConcurrency, 1, 100_000),
        OptionRange.check(spec, "--ping-size", pingSize, 0, 125),
        OptionRange.check(spec, "--receive-buffer", receiveBuffer, 0, 64 * 1024 * 1024),
        idleInterval,
        tlsCiphers,
        List.copyOf(watchPids),
        readyFile,
        json);
  }

  /** The low 24 bits of a 127.x.y.z address, or a usage error naming the option. */
  private int loopback(String address) {
    String[] parts = address.split("\\.", -1);
    int bits = 0;
    boolean ok = parts.length == 4 && parts[0].equals("127");
    for (int i = 1; ok && i < 4; i++) {
      ok = parts[i].matches("\\d{1,3}") && Integer.parseInt(parts[i]) <= 255;
      bits = ok ? (bits << 8) | Integer.parseInt(parts[i]) : 0;
    }
    if (!ok || bits == 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--first-source-address must be a loopback address 127.x.y.z but was " + address);
    }
    return bits;
  }

  /** Scenario names as written on the command line: {@code ping-flood}, any case. */
  static final class ScenarioConverter implements ITypeConverter<LoadOptions.Scenario> {
    @Override
    public LoadOptions.Scenario convert(String value) {
      for (LoadOptions.Scenario s : LoadOptions.Scenario.values()) {
        if (s.label().equalsIgnoreCase(value)) {
          return s;
        }
      }
      throw new TypeConversionException(
          "'"
              + value
              + "' is not a scenario: "
              + Arrays.stream(LoadOptions.Scenario.values())
                  .map(LoadOptions.Scenario::label)
                  .collect(Collectors.joining(", ")));
    }
  }

  private List<Fingerprint> pins() {
    List<Fingerprint> parsed = new ArrayList<>();
    for (String p : pins) {
      try {
        parsed.add(Fingerprint.parse(p));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(
            spec.commandLine(), "--pin '" + p + "' is not a fingerprint: " + e.getMessage());
      }
    }
    return List.copyOf(parsed);
  }

  private URI url(String value) {
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--url '" + value + "' is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("ws") && !scheme.equals("wss")) {
      throw new ParameterException(
          spec.commandLine(), "--url must start with ws:// or wss:// but was " + value);
    }
    if (uri.getHost() == null) {
      throw new ParameterException(spec.commandLine(), "--url '" + value + "' has no host");
    }
    return uri;
  }

  private static LoadReport report(LoadOptions o, String transport, MessagesRun.Outcome outcome) {
    Stats.Result r = outcome.result();
    Stats.Counts c = r.counts();
    double s = r.seconds();
    Outcomes.Snapshot out = c.outcomes();
    Map<String, Long> codes = new TreeMap<>();
    out.closeCodes().forEach((code, n) -> codes.put(Integer.toString(code), n));
    return new LoadReport(
        o.scenario().label(),
        label(o.mode()),
        o.url().toString(),
        transport,
        o.connections(),
        o.scenario() == LoadOptions.Scenario.PING_FLOOD ? o.pingSize() : o.size(),
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
        fraction(r.proc().steal()),
        new LoadReport.Outcomes(
            out.attempts(),
            round(out.attempts() / s),
            out.refused(),
            out.refusedWithRetryAfter(),
            codes,
            out.resets(),
            out.closedWithoutCloseFrame()));
  }

  private static String label(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
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
