package io.socketx.protocol;

import java.util.Arrays;

/** The output of the key schedule for one direction: an AEAD key and a nonce base. */
public final class DirectionKeys {
  private final byte[] key;
  private final byte[] nonceBase;

  public DirectionKeys(byte[] key, byte[] nonceBase) {
    this.key = key.clone();
    this.nonceBase = nonceBase.clone();
  }

  /** The 32-byte AES-256 key. */
  public byte[] key() {
    return key.clone();
  }

  /** The 12-byte base that sequence numbers are XORed into to form each nonce. */
  public byte[] nonceBase() {
    return nonceBase.clone();
  }

  /** Overwrites the key material; the object is unusable afterwards. */
  public void destroy() {
    Arrays.fill(key, (byte) 0);
    Arrays.fill(nonceBase, (byte) 0);
  }

  @Override
  public String toString() {
    return "DirectionKeys[redacted]";
  }
}
