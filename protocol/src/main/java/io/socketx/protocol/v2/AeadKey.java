package io.socketx.protocol.v2;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM under one traffic secret's key and iv: nonce = iv XOR (0^4 || u64(seq)). */
final class AeadKey {
  private static final int TAG_BITS = Wire.TAG_LENGTH * 8;

  private final Cipher cipher;
  private final SecretKeySpec key;
  private final byte[] iv;
  private final byte[] nonce = new byte[KeySchedule.IV_LENGTH];
  private final int mode;

  AeadKey(byte[] trafficSecret, int mode) {
    try {
      this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM/NoPadding is not available", e);
    }
    byte[] k = KeySchedule.trafficKey(trafficSecret);
    this.key = new SecretKeySpec(k, "AES");
    Arrays.fill(k, (byte) 0);
    this.iv = KeySchedule.trafficIv(trafficSecret);
    this.mode = mode;
  }

  static AeadKey sealing(byte[] trafficSecret) {
    return new AeadKey(trafficSecret, Cipher.ENCRYPT_MODE);
  }

  static AeadKey opening(byte[] trafficSecret) {
    return new AeadKey(trafficSecret, Cipher.DECRYPT_MODE);
  }

  /** Encrypts {@code plaintext} into {@code dst} (ciphertext then tag). */
  void seal(long sequence, byte[] aad, ByteBuffer plaintext, ByteBuffer dst) {
    try {
      init(sequence, aad);
      cipher.doFinal(plaintext, dst);
    } catch (ShortBufferException e) {
      throw new IllegalArgumentException("destination buffer too small for the record", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /**
   * Decrypts {@code ciphertext} (ciphertext then tag) into {@code dst}; returns false, writing
   * nothing, when the tag does not verify.
   */
  boolean open(long sequence, byte[] aad, ByteBuffer ciphertext, ByteBuffer dst) {
    try {
      init(sequence, aad);
      cipher.doFinal(ciphertext, dst);
      return true;
    } catch (AEADBadTagException e) {
      return false;
    } catch (ShortBufferException e) {
      throw new IllegalArgumentException("destination buffer too small for the plaintext", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  private void init(long sequence, byte[] aad) throws GeneralSecurityException {
    System.arraycopy(iv, 0, nonce, 0, 4);
    for (int i = 0; i < 8; i++) {
      nonce[4 + i] = (byte) (iv[4 + i] ^ (sequence >>> (56 - 8 * i)));
    }
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(aad);
  }
}
