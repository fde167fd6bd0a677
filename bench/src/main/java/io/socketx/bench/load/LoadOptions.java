package io.socketx.bench.load;

import io.socketx.bench.Options;
import io.socketx.bench.UsageException;
import io.socketx.protocol.Suite;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Everything one load run is told on the command line; validated when parsed. */
public record LoadOptions(
    Mode mode,
    URI url,
    Scenario scenario,
    int connections,
    int size,
    int inFlight,
    int rate,
    Duration duration,
    Duration warmup,
    int threads,
    Suite suite,
    int sourceAddresses,
    int connectConcurrency,
    Duration idleInterval,
    String tlsCiphers,
    List<Long> watchPids,
    Path readyFile,
    Path json) {

  /** Smallest message: it carries the 8-byte send timestamp. */
  public static final int MIN_SIZE = 8;

  /** What the generator speaks to the server. */
  public enum Mode {
    /** Ordinary WebSocket messages, to an upstream directly or through nginx. */
    PLAIN,
    /** The SocketX handshake and PROXY_DATA records, through the SocketX proxy. */
    SOCKETX
  }

  /** What the generator does with its connections. */
  public enum Scenario {
    /** Exchange messages: closed loop ({@code --in-flight} per connection) or {@code --rate}. */
    MESSAGES,
    /** Connect, handshake and close as fast as possible on {@code --connections} slots. */
    HANDSHAKES,
    /** Open {@code --connections} connections and hold them mostly idle. */
    IDLE
  }

  /** Reads the options of the {@code load} command; see {@code Main} for their meaning. */
  public static LoadOptions from(Options o) {
    Mode mode = o.choice("mode", Mode.class, Mode.PLAIN);
    URI url = url(o.string("url", "ws://127.0.0.1:9001/"));
    Scenario scenario = o.choice("scenario", Scenario.class, Scenario.MESSAGES);
    int connections = o.integer("connections", 64, 1, 1_000_000);
    int size = o.size("size", 1024, MIN_SIZE, 16 * 1024 * 1024);
    int inFlight = o.integer("in-flight", 1, 1, 100_000);
    int rate = o.integer("rate", 0, 0, Integer.MAX_VALUE);
    Duration duration = o.duration("duration", Duration.ofSeconds(10));
    Duration warmup = o.duration("warmup", Duration.ofSeconds(3));
    int threads = o.integer("threads", Runtime.getRuntime().availableProcessors(), 1, 256);
    Suite suite = Suite.fromStrength(o.integer("suite", 768, 0, 1024));
    int sources = o.integer("source-addresses", 1, 1, 250);
    int concurrency = o.integer("connect-concurrency", 256, 1, 100_000);
    Duration idleInterval = o.duration("idle-interval", Duration.ZERO);
    String ciphers = o.string("tls-ciphers", null);
    List<Long> pids = pids(o.string("watch-pids", ""));
    String ready = o.string("ready-file", null);
    String json = o.string("json", null);
    if (duration.isZero()) {
      throw new UsageException("--duration must be more than 0");
    }
    if (sources > 1 && !isLoopback(url)) {
      throw new UsageException("--source-addresses needs a 127.x.x.x --url, not " + url.getHost());
    }
    return new LoadOptions(
        mode,
        url,
        scenario,
        connections,
        size,
        inFlight,
        rate,
        duration,
        warmup,
        threads,
        suite,
        sources,
        concurrency,
        idleInterval,
        ciphers,
        pids,
        ready == null ? null : Path.of(ready),
        json == null ? null : Path.of(json));
  }

  /** Whether the URL uses TLS (wss://). */
  public boolean secure() {
    return url.getScheme().equals("wss");
  }

  /** The server port, defaulting by scheme. */
  public int port() {
    return url.getPort() > 0 ? url.getPort() : secure() ? 443 : 80;
  }

  /** Whether messages are paced at {@code --rate} rather than sent as echoes return. */
  public boolean openLoop() {
    return rate > 0;
  }

  private static URI url(String value) {
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--url '" + value + "' is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("ws") && !scheme.equals("wss")) {
      throw new UsageException("--url must start with ws:// or wss:// but was " + value);
    }
    if (uri.getHost() == null) {
      throw new UsageException("--url '" + value + "' has no host");
    }
    return uri;
  }

  private static List<Long> pids(String value) {
    List<Long> pids = new ArrayList<>();
    for (String p : value.split(",")) {
      if (p.isBlank()) {
        continue;
      }
      try {
        pids.add(Long.parseLong(p.trim()));
      } catch (NumberFormatException e) {
        throw new UsageException("--watch-pids must be process ids separated by commas: " + value);
      }
    }
    return List.copyOf(pids);
  }

  private static boolean isLoopback(URI url) {
    return url.getHost().startsWith("127.");
  }
}
