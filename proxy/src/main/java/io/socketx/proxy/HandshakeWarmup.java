package io.socketx.proxy;

import io.socketx.protocol.ClientEvent;
import io.socketx.protocol.ClientSession;
import io.socketx.protocol.ClientSettings;
import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.ServerEvent;
import io.socketx.protocol.ServerSession;
import io.socketx.protocol.SessionSettings;
import io.socketx.protocol.Suite;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * Runs whole SocketX handshakes and a few records in memory before the proxy reports ready, so the
 * key exchange (X25519, ML-KEM, HKDF, the handshake JSON) is JIT-compiled before the first client
 * pays for it: a cold JVM needs tens of seconds of handshake traffic to reach its steady state.
 */
final class HandshakeWarmup {
  private static final byte[] PAYLOAD = new byte[1024];

  /** How many handshakes ran and how long they took. */
  record Result(int handshakes, Duration elapsed) {}

  private HandshakeWarmup() {}

  /**
   * Runs {@code count} server handshakes against an in-memory client offering the suite the
   * server's settings prefer by default (ML-KEM-768, or the minimum when that is stronger).
   */
  static Result run(SessionSettings settings, int count) {
    Suite suite =
        settings.minimumSuite().atLeast(Suite.X25519_MLKEM768)
            ? settings.minimumSuite()
            : Suite.X25519_MLKEM768;
    SecureRandom random = new SecureRandom();
    long start = System.nanoTime();
    try {
      for (int i = 0; i < count; i++) {
        once(settings, suite, random);
      }
    } catch (ProtocolException e) {
      // both halves are ours: a failure here is a bug, not bad input
      throw new IllegalStateException("warm-up handshake failed: " + e.getMessage(), e);
    }
    return new Result(count, Duration.ofNanos(System.nanoTime() - start));
  }

  private static void once(SessionSettings settings, Suite suite, SecureRandom random)
      throws ProtocolException {
    ClientSession client = new ClientSession(ClientSettings.of(suite, "/"), random);
    ServerSession server = new ServerSession(settings, random);
    ServerEvent event = server.receive(client.start());
    while (event instanceof ServerEvent.Reply reply) {
      if (!(client.receive(reply.record()) instanceof ClientEvent.Reply next)) {
        throw new IllegalStateException("the warm-up client stopped answering");
      }
      event = server.receive(next.record());
    }
    if (!(event instanceof ServerEvent.UpstreamRequested)) {
      throw new IllegalStateException("warm-up handshake ended with " + event);
    }
    client.receive(server.upstreamConnected());
    server.receive(client.encode(MessageType.BINARY, ByteBuffer.wrap(PAYLOAD)));
    client.receive(server.encode(MessageType.BINARY, ByteBuffer.wrap(PAYLOAD)));
  }
}
