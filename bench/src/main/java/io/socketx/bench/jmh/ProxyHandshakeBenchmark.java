package io.socketx.bench.jmh;

import io.socketx.protocol.ClientEvent;
import io.socketx.protocol.ClientSession;
import io.socketx.protocol.ClientSettings;
import io.socketx.protocol.Entropy;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.ServerEvent;
import io.socketx.protocol.ServerSession;
import io.socketx.protocol.SessionSettings;
import io.socketx.protocol.Suite;
import io.socketx.protocol.v2.Event;
import io.socketx.protocol.v2.IdentityKey;
import io.socketx.protocol.v2.IdentityKeys;
import io.socketx.protocol.v2.Pins;
import io.socketx.protocol.v2.ServerSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The proxy's share of one handshake, alone: every client record is prepared once (the proxy's
 * random values are fixed, so its answers and the client's next records are always the same) and
 * each operation runs a fresh proxy session through the whole handshake — v1 (REQUEST to
 * UPSTREAM_CONNECTION_RESPONSE) or v2 (CLIENT_HELLO, CLIENT_FINISHED, UPSTREAM_CONNECTED, with the
 * Ed25519 identity signature). The proxy still does every key generation, agreement, encapsulation
 * and signature.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ProxyHandshakeBenchmark {
  @Param({"v1", "v2"})
  String protocol;

  @Param({"0", "768"})
  int strength;

  private Suite suite;
  private final Entropy proxyEntropy = fixed("proxy");
  private final List<ByteBuffer> clientRecords = new ArrayList<>();
  private IdentityKeys identity;

  @Setup
  public void setUp() throws ProtocolException {
    suite = Suite.fromStrength(strength);
    SecureRandom random = new SecureRandom();
    if (protocol.equals("v1")) {
      ClientSession client = new ClientSession(ClientSettings.of(suite, "/"), random);
      ServerSession server = new ServerSession(SessionSettings.of(suite), proxyEntropy);
      ByteBuffer next = client.start();
      while (next != null) {
        clientRecords.add(ByteBuffer.wrap(copy(next)));
        ServerEvent event = server.receive(next);
        ByteBuffer answer =
            event instanceof ServerEvent.Reply reply ? reply.record() : server.upstreamConnected();
        next = client.receive(answer) instanceof ClientEvent.Reply r ? r.record() : null;
      }
    } else {
      identity = IdentityKeys.of(IdentityKey.generate(random));
      io.socketx.protocol.v2.ClientSession client =
          new io.socketx.protocol.v2.ClientSession(
              io.socketx.protocol.v2.ClientSettings.of(
                  suite, "/", Pins.of(identity.fingerprints().get(0))),
              random);
      io.socketx.protocol.v2.ServerSession server = v2Server();
      ByteBuffer hello = client.start();
      clientRecords.add(hello.duplicate());
      Event reply = server.receive(hello.duplicate());
      clientRecords.add(
          ((Event.Established) client.receive(((Event.Reply) reply).record())).clientFinished());
    }
  }

  private io.socketx.protocol.v2.ServerSession v2Server() {
    return new io.socketx.protocol.v2.ServerSession(
        ServerSettings.of(suite, identity), proxyEntropy);
  }

  @Benchmark
  public Object proxySide() throws ProtocolException {
    if (protocol.equals("v1")) {
      ServerSession server = new ServerSession(SessionSettings.of(suite), proxyEntropy);
      for (ByteBuffer record : clientRecords) {
        server.receive(ByteBuffer.wrap(copy(record)));
      }
      return server.upstreamConnected();
    }
    io.socketx.protocol.v2.ServerSession server = v2Server();
    for (ByteBuffer record : clientRecords) {
      server.receive(ByteBuffer.wrap(copy(record)));
    }
    return server.upstreamConnected();
  }

  private static byte[] copy(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  /** The same bytes for each purpose every time: the proxy's answers repeat exactly. */
  private static Entropy fixed(String label) {
    return (purpose, length) -> {
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-512")
                .digest((label + purpose.label()).getBytes(StandardCharsets.US_ASCII));
        return java.util.Arrays.copyOf(digest, length);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    };
  }
}
