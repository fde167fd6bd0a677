package io.socketx.bench.upstream;

import io.socketx.protocol.Suite;
import java.nio.file.Path;

/**
 * How the benchmark upstream behaves: where it listens, whether it echoes or swallows messages, and
 * whether it speaks plain WebSocket or terminates SocketX itself (to measure the protocol without a
 * proxy).
 */
public record UpstreamOptions(
    String host,
    int port,
    Behaviour behaviour,
    Protocol protocol,
    int threads,
    Suite minimumSuite,
    Path tlsCert,
    Path tlsKey) {

  /** What the upstream does with each application message. */
  public enum Behaviour {
    /** Send every message back unchanged. */
    ECHO,
    /** Drop every message; only counts it. */
    SINK
  }

  /** What the upstream speaks on top of WebSocket. */
  public enum Protocol {
    /** Ordinary WebSocket messages, as behind the proxy or nginx. */
    PLAIN,
    /** SocketX records, answering the handshake itself. */
    SOCKETX
  }

  /** A loopback echo upstream on an ephemeral port, as tests use it. */
  public static UpstreamOptions loopbackEcho(Protocol protocol) {
    return new UpstreamOptions(
        "127.0.0.1", 0, Behaviour.ECHO, protocol, 1, Suite.X25519, null, null);
  }

  /** The same upstream serving wss with this PEM certificate chain and key. */
  public UpstreamOptions withTls(Path cert, Path key) {
    return new UpstreamOptions(host, port, behaviour, protocol, threads, minimumSuite, cert, key);
  }
}
