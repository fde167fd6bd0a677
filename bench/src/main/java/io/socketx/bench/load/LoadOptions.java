package io.socketx.bench.load;

import io.socketx.protocol.Suite;
import io.socketx.protocol.v2.Fingerprint;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Everything one load run is told on the command line ({@link LoadCommand}), validated. */
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
    List<Fingerprint> pins,
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
}
