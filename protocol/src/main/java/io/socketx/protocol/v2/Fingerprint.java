package io.socketx.protocol.v2;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The name of a proxy identity key: {@code sha256:} and the base64url (no padding) SHA-256 of its
 * DER SubjectPublicKeyInfo (docs/protocol.md section 6.4). Short enough to paste as a pin.
 */
public final class Fingerprint {
  private static final String PREFIX = "sha256:";
  private static final int DIGEST_LENGTH = 32;

  private final byte[] digest;

  private Fingerprint(byte[] digest) {
    this.digest = digest;
  }

  /** The fingerprint of a DER SubjectPublicKeyInfo. */
  public static Fingerprint ofSpki(byte[] spki) {
    try {
      return new Fingerprint(MessageDigest.getInstance("SHA-256").digest(spki));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /**
   * Reads {@code sha256:} followed by 43 base64url characters or 64 hexadecimal digits.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code text}
   */
  public static Fingerprint parse(String text) {
    if (text == null || !text.startsWith(PREFIX)) {
      throw new IllegalArgumentException(
          "a fingerprint starts with \"sha256:\" (e.g. sha256:<43 base64url characters>)");
    }
    String value = text.substring(PREFIX.length()).trim();
    byte[] bytes;
    try {
      bytes =
          value.length() == 2 * DIGEST_LENGTH
              ? HexFormat.of().parseHex(value)
              : Base64.getUrlDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "fingerprint value is neither base64url nor hexadecimal: " + e.getMessage(), e);
    }
    if (bytes.length != DIGEST_LENGTH) {
      throw new IllegalArgumentException(
          "fingerprint must hold 32 bytes (SHA-256) but holds " + bytes.length);
    }
    return new Fingerprint(bytes);
  }

  /** The 8-byte hint a client sends for this pin: the first 8 bytes of the digest. */
  byte[] hint() {
    return Arrays.copyOf(digest, Wire.HINT_LENGTH);
  }

  boolean matchesHint(byte[] hints, int offset) {
    return Arrays.equals(digest, 0, Wire.HINT_LENGTH, hints, offset, offset + Wire.HINT_LENGTH);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fingerprint f && MessageDigest.isEqual(digest, f.digest);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(digest);
  }

  @Override
  public String toString() {
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }
}
