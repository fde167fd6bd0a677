package io.socketx.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * HKDF-SHA256 key schedule of protocol v1: per direction, {@code PRK = Extract(nonce, x25519 ||
 * mlkem)} and key and nonce base expanded with labels bound to the personalization string and the
 * transcript hash.
 */
public final class KeySchedule {
  static final int KEY_LENGTH = 32;
  static final int NONCE_BASE_LENGTH = 12;

  private KeySchedule() {}

  /**
   * Derives one direction's keys.
   *
   * @param direction which direction the keys protect
   * @param sharedSecret X25519 shared secret, followed by the ML-KEM shared secret for hybrid
   *     suites
   * @param nonce the server's 32-byte nonce for this direction (the HKDF salt)
   * @param personalization the client's personalization string for this direction
   * @param transcriptHash SHA-256 over the four handshake records
   */
  public static DirectionKeys derive(
      Direction direction,
      byte[] sharedSecret,
      byte[] nonce,
      String personalization,
      byte[] transcriptHash) {
    byte[] key =
        expand(sharedSecret, nonce, info(direction, "key", personalization, transcriptHash), 32);
    byte[] nonceBase =
        expand(sharedSecret, nonce, info(direction, "iv", personalization, transcriptHash), 12);
    return new DirectionKeys(key, nonceBase);
  }

  /**
   * The HKDF info of a label: {@code "socketx/1 <dir> <name>" || 0x00 || u16(len(p)) || p || th}.
   */
  static byte[] info(
      Direction direction, String name, String personalization, byte[] transcriptHash) {
    byte[] label =
        ("socketx/1 " + direction.label() + " " + name).getBytes(StandardCharsets.US_ASCII);
    byte[] p = personalization.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(label.length + 1 + 2 + p.length + transcriptHash.length);
    b.put(label).put((byte) 0).putShort((short) p.length).put(p).put(transcriptHash);
    return b.array();
  }

  private static byte[] expand(byte[] ikm, byte[] salt, byte[] info, int length) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(ikm, salt, info));
    byte[] out = new byte[length];
    hkdf.generateBytes(out, 0, length);
    return out;
  }
}
