package io.socketx.protocol.v2;

import java.util.Arrays;
import java.util.function.Function;

/**
 * One traffic secret in use by a sender or a receiver, its AES-GCM key and what the key protected
 * so far; {@link #next()} is the key update of docs/protocol.md section 8.
 */
final class KeyEpoch {
  private final byte[] secret;
  private final Function<byte[], AeadKey> keyMaker;
  final AeadKey key;
  long records;
  long bytes;

  KeyEpoch(byte[] trafficSecret, Function<byte[], AeadKey> keyMaker) {
    this.secret = trafficSecret.clone();
    this.keyMaker = keyMaker;
    this.key = keyMaker.apply(secret);
  }

  /** The epoch after a key update; this one's secret is erased. */
  KeyEpoch next() {
    byte[] nextSecret = KeySchedule.nextSecret(secret);
    KeyEpoch next = new KeyEpoch(nextSecret, keyMaker);
    Arrays.fill(nextSecret, (byte) 0);
    destroy();
    return next;
  }

  /** Another secret with the same kind of key (handshake to application); this one is erased. */
  KeyEpoch replaceWith(byte[] trafficSecret) {
    destroy();
    return new KeyEpoch(trafficSecret, keyMaker);
  }

  void count(int plaintextLength) {
    records++;
    bytes += plaintextLength;
  }

  private void destroy() {
    Arrays.fill(secret, (byte) 0);
  }
}
