package io.socketx.protocol.v2;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The HKDF-SHA256 key schedule of protocol v2 (docs/protocol.md section 5): TLS 1.3-style labels
 * with the prefix {@code "sx2 "}, Finished MACs and key update.
 */
final class KeySchedule {
  static final int SECRET_LENGTH = 32;
  static final int KEY_LENGTH = 32;
  static final int IV_LENGTH = 12;
  private static final byte[] SALT = "socketx v2".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LABEL_PREFIX = "sx2 ".getBytes(StandardCharsets.US_ASCII);

  private KeySchedule() {}

  /** {@code HKDF-Extract(salt = "socketx v2", ikm)}. */
  static byte[] handshakeSecret(byte[] ikm) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    byte[] prk = hkdf.extractPRK(SALT, ikm);
    return prk;
  }

  /** {@code ExpandLabel(secret, label, context, length)}. */
  static byte[] expandLabel(byte[] secret, String label, byte[] context, int length) {
    byte[] l = label.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer info =
        ByteBuffer.allocate(2 + 1 + LABEL_PREFIX.length + l.length + 1 + context.length);
    info.putShort((short) length)
        .put((byte) (LABEL_PREFIX.length + l.length))
        .put(LABEL_PREFIX)
        .put(l)
        .put((byte) context.length)
        .put(context);
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(HKDFParameters.skipExtractParameters(secret, info.array()));
    byte[] out = new byte[length];
    hkdf.generateBytes(out, 0, length);
    return out;
  }

  static byte[] trafficKey(byte[] trafficSecret) {
    return expandLabel(trafficSecret, "key", new byte[0], KEY_LENGTH);
  }

  static byte[] trafficIv(byte[] trafficSecret) {
    return expandLabel(trafficSecret, "iv", new byte[0], IV_LENGTH);
  }

  /** The secret after a key update: {@code ExpandLabel(T, "upd", "", 32)}. */
  static byte[] nextSecret(byte[] trafficSecret) {
    return expandLabel(trafficSecret, "upd", new byte[0], SECRET_LENGTH);
  }

  /** {@code HMAC-SHA256(finished_key(T), transcriptHash)}. */
  static byte[] finished(byte[] handshakeTrafficSecret, byte[] transcriptHash) {
    byte[] key = expandLabel(handshakeTrafficSecret, "finished", new byte[0], SECRET_LENGTH);
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(key));
    mac.update(transcriptHash, 0, transcriptHash.length);
    byte[] out = new byte[mac.getMacSize()];
    mac.doFinal(out, 0);
    Arrays.fill(key, (byte) 0);
    return out;
  }

  /** Constant-time comparison of a received Finished value with the expected one. */
  static boolean finishedMatches(byte[] expected, byte[] received) {
    return MessageDigest.isEqual(expected, received);
  }
}
