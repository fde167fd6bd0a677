package io.socketx.protocol.v2;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Running SHA-256 over the handshake bytes, with a hash of every prefix on demand (section 5). */
final class HandshakeTranscript {
  private static final byte[] SIGNATURE_CONTEXT =
      "SocketX v2 proxy identity".getBytes(StandardCharsets.US_ASCII);

  private final MessageDigest digest;

  HandshakeTranscript() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  void add(ByteBuffer bytes) {
    digest.update(bytes.duplicate());
  }

  void add(byte[] bytes) {
    digest.update(bytes);
  }

  /** The hash of everything added so far; more can be added afterwards. */
  byte[] hash() {
    try {
      return ((MessageDigest) digest.clone()).digest();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
    }
  }

  /** What the identity key signs: {@code 0x20 x 64 || context || 0x00 || H_identity}. */
  static byte[] signedContent(byte[] identityHash) {
    byte[] out = new byte[64 + SIGNATURE_CONTEXT.length + 1 + identityHash.length];
    java.util.Arrays.fill(out, 0, 64, (byte) 0x20);
    System.arraycopy(SIGNATURE_CONTEXT, 0, out, 64, SIGNATURE_CONTEXT.length);
    System.arraycopy(identityHash, 0, out, 64 + SIGNATURE_CONTEXT.length + 1, identityHash.length);
    return out;
  }
}
