package io.socketx.protocol.v2;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM under one traffic secret's key and iv: nonce = iv XOR (0^4 || u64(seq)).
 *
 * <p>The cipher works on heap arrays: that is the only zero-copy path of both providers in use
 * (ACCP 2.5.0's native code takes arrays only, and the JDK copies direct buffers through new
 * arrays), so a buffer without an array is copied through a per-thread scratch array instead. The
 * {@link Cipher} is made on first use and dropped by {@link #release()}, so an idle session holds
 * none.
 */
final class AeadKey {
  private static final int TAG_BITS = Wire.TAG_LENGTH * 8;

  private final AesGcmProvider provider;
  private final int mode;
  private final SecretKeySpec key;
  private final byte[] iv;
  private final byte[] nonce = new byte[KeySchedule.IV_LENGTH];
  private Cipher cipher;

  private AeadKey(byte[] trafficSecret, int mode, AesGcmProvider provider) {
    this.provider = provider;
    this.mode = mode;
    byte[] k = KeySchedule.trafficKey(trafficSecret);
    this.key = new SecretKeySpec(k, "AES");
    Arrays.fill(k, (byte) 0);
    this.iv = KeySchedule.trafficIv(trafficSecret);
  }

  static AeadKey sealing(byte[] trafficSecret, AesGcmProvider provider) {
    return new AeadKey(trafficSecret, Cipher.ENCRYPT_MODE, provider);
  }

  static AeadKey opening(byte[] trafficSecret, AesGcmProvider provider) {
    return new AeadKey(trafficSecret, Cipher.DECRYPT_MODE, provider);
  }

  /** A key of the same direction and provider under another traffic secret. */
  AeadKey withSecret(byte[] trafficSecret) {
    return new AeadKey(trafficSecret, mode, provider);
  }

  /**
   * Encrypts {@code plaintext}'s remaining bytes into {@code dst} at its position (ciphertext then
   * tag); both buffers advance. They must not overlap.
   */
  void seal(long sequence, byte[] aad, ByteBuffer plaintext, ByteBuffer dst) {
    int length = plaintext.remaining();
    int sealed = length + Wire.TAG_LENGTH;
    if (dst.remaining() < sealed) {
      throw new IllegalArgumentException(
          "destination has " + dst.remaining() + " bytes left, the record needs " + sealed);
    }
    try {
      crypt(sequence, aad, plaintext, plaintext.position(), length, dst, dst.position(), sealed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
    plaintext.position(plaintext.limit());
    dst.position(dst.position() + sealed);
  }

  /**
   * Decrypts {@code ciphertext}'s remaining bytes (ciphertext then tag) into {@code dst} at its
   * position; both advance. Returns false, writing nothing, when the tag does not verify.
   */
  boolean open(long sequence, byte[] aad, ByteBuffer ciphertext, ByteBuffer dst) {
    int length = ciphertext.remaining();
    if (length < Wire.TAG_LENGTH || dst.remaining() < length - Wire.TAG_LENGTH) {
      throw new IllegalArgumentException(
          "a sealed part of " + length + " bytes does not open into " + dst.remaining());
    }
    ByteBuffer work = ByteBuffer.allocate(length);
    work.put(0, ciphertext, ciphertext.position(), length);
    if (!openInPlace(sequence, aad, work, 0, length)) {
      return false;
    }
    dst.put(work.limit(length - Wire.TAG_LENGTH));
    ciphertext.position(ciphertext.limit());
    return true;
  }

  /**
   * Decrypts the {@code length} bytes (ciphertext then tag) at {@code index} of {@code buffer} in
   * place: the plaintext takes the ciphertext's place. Returns false when the tag does not verify;
   * the bytes at {@code index} are then undefined. Positions and limits are left alone.
   */
  boolean openInPlace(long sequence, byte[] aad, ByteBuffer buffer, int index, int length) {
    if (length < Wire.TAG_LENGTH) {
      return false;
    }
    try {
      crypt(sequence, aad, buffer, index, length, buffer, index, length - Wire.TAG_LENGTH);
      return true;
    } catch (AEADBadTagException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  /** Drops the cipher; the next record makes a new one. */
  void release() {
    cipher = null;
  }

  /**
   * Runs one whole AES-GCM operation from {@code in} to {@code out} at absolute indexes, directly
   * on their arrays when they have them, else through this thread's scratch array.
   */
  private void crypt(
      long sequence,
      byte[] aad,
      ByteBuffer in,
      int inIndex,
      int inLength,
      ByteBuffer out,
      int outIndex,
      int outLength)
      throws GeneralSecurityException {
    Cipher c = init(sequence, aad);
    byte[] scratch = null;
    byte[] inArray;
    int inOffset;
    if (in.hasArray()) {
      inArray = in.array();
      inOffset = in.arrayOffset() + inIndex;
    } else {
      scratch = Scratch.array(Math.max(inLength, outLength));
      in.get(inIndex, scratch, 0, inLength);
      inArray = scratch;
      inOffset = 0;
    }
    if (out.hasArray()) {
      c.doFinal(inArray, inOffset, inLength, out.array(), out.arrayOffset() + outIndex);
      return;
    }
    if (scratch == null) {
      scratch = Scratch.array(outLength);
    }
    // in place when the input is in the scratch array too: both providers allow that
    c.doFinal(inArray, inOffset, inLength, scratch, 0);
    out.put(outIndex, scratch, 0, outLength);
  }

  private Cipher init(long sequence, byte[] aad) throws GeneralSecurityException {
    if (cipher == null) {
      cipher = provider.newCipher();
    }
    System.arraycopy(iv, 0, nonce, 0, 4);
    for (int i = 0; i < 8; i++) {
      nonce[4 + i] = (byte) (iv[4 + i] ^ (sequence >>> (56 - 8 * i)));
    }
    // JCA parameter specs are immutable: one per record is the least any provider accepts
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(aad);
    return cipher;
  }
}
