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
    int firstSourceAddress,
    int connectConcurrency,
    int pingSize,
    int receiveBuffer,
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
    IDLE,
    /**
     * Attack: {@code --connections} connections upgrade (and in socketx mode handshake), stop
     * reading, and send pings as fast as the socket takes them; each one the server closes is
     * replaced.
     */
    PING_FLOOD,
    /**
     * Attack: {@code --connections} slots upgrade, send one fixed CLIENT_HELLO, close on the
     * proxy's SERVER_HELLO and start over.
     */
    HANDSHAKE_FLOOD,
    /**
     * Attack: {@code --connections} slots upgrade and then send nothing, holding a handshake slot
     * until the proxy closes them, and start over.
     */
    UPGRADE_FLOOD;

    /** The name on the command line and in reports: {@code ping-flood}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Whether the scenario speaks SocketX whatever {@code --mode} says. */
    public boolean alwaysSocketx() {
      return this == HANDSHAKE_FLOOD || this == UPGRADE_FLOOD;
    }

    /** Whether the scenario is an attack (its refusals and closes are outcomes, not errors). */
    public boolean flood() {
      return this == PING_FLOOD || this == HANDSHAKE_FLOOD || this == UPGRADE_FLOOD;
    }
  }

  /** Whether the URL uses TLS (wss://). */
  public boolean secure() {
    return url.getScheme().equals("wss");
  }

  /** The server port, defaulting by scheme. */
  public int port() {
    return url.getPort() > 0 ? url.getPort() : secure() ? 443 : 80;
  }

  /** The dotted address of the {@code index}-th source address (0-based, within 127/8). */
  public String sourceAddress(int index) {
    int a = firstSourceAddress + index;
    return "127." + ((a >> 16) & 0xff) + "." + ((a >> 8) & 0xff) + "." + (a & 0xff);
  }

  /** Whether messages are paced at {@code --rate} rather than sent as echoes return. */
  public boolean openLoop() {
    return rate > 0;
  }
}
