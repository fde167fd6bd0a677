package io.socketx.protocol.v2;

import java.util.Arrays;

/**
 * One traffic secret in use by a sender or a receiver, its AES-GCM key and what the key protected
 * so far; {@link #next()} is the key update of docs/protocol.md section 8.
 */
final class KeyEpoch {
  private final byte[] secret;
  final AeadKey key;
  long records;
  long bytes;

  private KeyEpoch(byte[] secret, AeadKey key) {
    this.secret = secret;
    this.key = key;
  }

  /** The first epoch of a sender: {@code trafficSecret} is copied, the caller erases its own. */
  static KeyEpoch sealing(byte[] trafficSecret, AesGcmProvider provider) {
    byte[] secret = trafficSecret.clone();
    return new KeyEpoch(secret, AeadKey.sealing(secret, provider));
  }

  /** The first epoch of a receiver: {@code trafficSecret} is copied, the caller erases its own. */
  static KeyEpoch opening(byte[] trafficSecret, AesGcmProvider provider) {
    byte[] secret = trafficSecret.clone();
    return new KeyEpoch(secret, AeadKey.opening(secret, provider));
  }

  /** The epoch after a key update; this one's secret is erased. */
  KeyEpoch next() {
    byte[] nextSecret = KeySchedule.nextSecret(secret);
    KeyEpoch next = new KeyEpoch(nextSecret, key.withSecret(nextSecret));
    destroy();
    return next;
  }

  /** Another secret with the same kind of key (handshake to application); this one is erased. */
  KeyEpoch replaceWith(byte[] trafficSecret) {
    destroy();
    byte[] copy = trafficSecret.clone();
    return new KeyEpoch(copy, key.withSecret(copy));
  }

  void count(int plaintextLength) {
    records++;
    bytes += plaintextLength;
  }

  private void destroy() {
    Arrays.fill(secret, (byte) 0);
    key.release();
  }
}
