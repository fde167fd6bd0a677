package io.socketx.protocol;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Running SHA-256 over the handshake records, in the order they were sent. */
final class Transcript {
  private final MessageDigest digest;

  Transcript() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Adds a whole record without moving the buffer's position. */
  void add(ByteBuffer record) {
    digest.update(record.duplicate());
  }

  /** The hash of everything added so far. */
  byte[] hash() {
    return digest.digest();
  }
}
