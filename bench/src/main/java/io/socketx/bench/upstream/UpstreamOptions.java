package io.socketx.bench.upstream;

import io.socketx.bench.Options;
import io.socketx.bench.UsageException;
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

  /** Reads {@code --host --port --behaviour --protocol --threads --suite --tls-cert --tls-key}. */
  public static UpstreamOptions from(Options o) {
    String cert = o.string("tls-cert", null);
    String key = o.string("tls-key", null);
    if ((cert == null) != (key == null)) {
      throw new UsageException("--tls-cert and --tls-key go together (PEM files)");
    }
    return new UpstreamOptions(
        o.string("host", "127.0.0.1"),
        o.integer("port", 9001, 0, 65535),
        o.choice("behaviour", Behaviour.class, Behaviour.ECHO),
        o.choice("protocol", Protocol.class, Protocol.PLAIN),
        o.integer("threads", 1, 0, 64),
        Suite.fromStrength(o.integer("suite", 0, 0, 1024)),
        cert == null ? null : Path.of(cert),
        key == null ? null : Path.of(key));
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
