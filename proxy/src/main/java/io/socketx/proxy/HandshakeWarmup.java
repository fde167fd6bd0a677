package io.socketx.proxy;

import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.Suite;
import io.socketx.protocol.v2.Event;
import io.socketx.protocol.v2.InMemoryHandshake;
import io.socketx.protocol.v2.ServerSettings;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * Runs whole SocketX handshakes and a few records in memory before the proxy reports ready, so the
 * key exchange (X25519, ML-KEM, Ed25519, HKDF, AES-GCM) is JIT-compiled before the first client
 * pays for it: a cold JVM needs tens of seconds of handshake traffic to reach its steady state.
 */
final class HandshakeWarmup {
  private static final byte[] PAYLOAD = new byte[1024];

  /** How many handshakes ran and how long they took. */
  record Result(int handshakes, Duration elapsed) {}

  private HandshakeWarmup() {}

  /**
   * Runs {@code count} server handshakes against an in-memory client offering ML-KEM-768, the SDK's
   * default, or the proxy's minimum when that is stronger.
   */
  static Result run(ServerSettings settings, int count) {
    SecureRandom random = new SecureRandom();
    long start = System.nanoTime();
    try {
      for (int i = 0; i < count; i++) {
        once(settings, random);
      }
    } catch (ProtocolException e) {
      // both halves are ours: a failure here is a bug, not bad input
      throw new IllegalStateException("warm-up handshake failed: " + e.getMessage(), e);
    }
    return new Result(count, Duration.ofNanos(System.nanoTime() - start));
  }

  private static void once(ServerSettings settings, SecureRandom random) throws ProtocolException {
    Suite suite =
        Suite.X25519_MLKEM768.atLeast(settings.minimumSuite())
            ? Suite.X25519_MLKEM768
            : settings.minimumSuite();
    InMemoryHandshake pair =
        InMemoryHandshake.open(suite, settings.identityKeys(), random, settings.aesGcm());
    for (ByteBuffer r : pair.client().encode(MessageType.BINARY, ByteBuffer.wrap(PAYLOAD))) {
      pair.server().receive(r);
    }
    for (ByteBuffer r : pair.server().encode(MessageType.BINARY, ByteBuffer.wrap(PAYLOAD))) {
      if (!(pair.client().receive(r) instanceof Event.Data)) {
        throw new IllegalStateException("warm-up record was not delivered");
      }
    }
  }
}
