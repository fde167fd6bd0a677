package io.socketx.protocol;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The open codec: AES-256-GCM with a 64-bit per-direction sequence number carried in clear after
 * the header, nonce = nonce base XOR sequence, and header plus sequence as additional data.
 */
public final class AesGcmCodec implements PayloadCodec {
  /** Name of this codec in RESPONSE records and logs. */
  public static final String NAME = "aes-256-gcm";

  private static final int TAG_BITS = 128;
  private static final int TAG_LENGTH = TAG_BITS / 8;
  private static final int AAD_LENGTH = ProtocolConstants.HEADER_LENGTH + 8;
  private static final int OVERHEAD = ProtocolConstants.SEQUENCE_LENGTH + TAG_LENGTH;

  private final Half encoder;
  private final Half decoder;
  private final ReplayWindow window;
  private long nextSequence;

  private AesGcmCodec(DirectionKeys encoderKeys, DirectionKeys decoderKeys, int windowSize) {
    this.encoder = new Half(encoderKeys, Cipher.ENCRYPT_MODE);
    this.decoder = new Half(decoderKeys, Cipher.DECRYPT_MODE);
    this.window = new ReplayWindow(windowSize);
  }

  /** The factory for this codec, the default of every session. */
  public static PayloadCodecFactory factory() {
    return new PayloadCodecFactory() {
      @Override
      public String name() {
        return NAME;
      }

      @Override
      public PayloadCodec create(
          DirectionKeys encoderKeys, DirectionKeys decoderKeys, int decoderWindowSize) {
        return new AesGcmCodec(encoderKeys, decoderKeys, decoderWindowSize);
      }
    };
  }

  @Override
  public int overhead() {
    return OVERHEAD;
  }

  @Override
  public void encode(Action action, MessageType type, ByteBuffer plaintext, ByteBuffer dst)
      throws ProtocolException {
    if (nextSequence == Long.MAX_VALUE) {
      throw new ProtocolException(
          ProtocolError.SEQUENCE_EXHAUSTED, "encoder sequence numbers are exhausted");
    }
    long sequence = nextSequence++;
    byte[] aad = encoder.aad;
    aad[0] = (byte) (ProtocolConstants.MAGIC >>> 24);
    aad[1] = (byte) (ProtocolConstants.MAGIC >>> 16);
    aad[2] = (byte) (ProtocolConstants.MAGIC >>> 8);
    aad[3] = (byte) ProtocolConstants.MAGIC;
    aad[4] = (byte) ProtocolConstants.VERSION;
    aad[5] = (byte) action.code();
    aad[6] = (byte) type.code();
    putLong(aad, ProtocolConstants.HEADER_LENGTH, sequence);
    dst.put(aad);
    try {
      encoder.init(sequence);
      encoder.cipher.doFinal(plaintext, dst);
    } catch (ShortBufferException e) {
      throw new IllegalArgumentException("destination buffer too small for the encoded record", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  @Override
  public void decode(ByteBuffer record, ByteBuffer dst) throws ProtocolException {
    int start = record.position();
    if (record.remaining() < ProtocolConstants.HEADER_LENGTH + OVERHEAD) {
      throw new ProtocolException(
          ProtocolError.MALFORMED_RECORD,
          "encoded record of " + record.remaining() + " bytes is too short");
    }
    long sequence = record.getLong(start + ProtocolConstants.HEADER_LENGTH);
    window.check(sequence);
    byte[] aad = decoder.aad;
    record.get(aad);
    try {
      decoder.init(sequence);
      decoder.cipher.doFinal(record, dst);
    } catch (AEADBadTagException e) {
      throw new ProtocolException(
          ProtocolError.AUTHENTICATION_FAILED,
          "record with sequence " + sequence + " failed authentication");
    } catch (ShortBufferException e) {
      throw new IllegalArgumentException("destination buffer too small for the plaintext", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
    window.accept(sequence);
  }

  private static void putLong(byte[] b, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  /** One direction's cipher, key and scratch arrays, reused for every record. */
  private static final class Half {
    final Cipher cipher;
    final SecretKeySpec key;
    final byte[] nonceBase;
    final byte[] nonce = new byte[12];
    final byte[] aad = new byte[AAD_LENGTH];
    final int mode;

    Half(DirectionKeys keys, int mode) {
      try {
        this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES/GCM/NoPadding is not available", e);
      }
      this.key = new SecretKeySpec(keys.key(), "AES");
      this.nonceBase = keys.nonceBase();
      this.mode = mode;
    }

    void init(long sequence) throws GeneralSecurityException {
      System.arraycopy(nonceBase, 0, nonce, 0, 4);
      for (int i = 0; i < 8; i++) {
        nonce[4 + i] = (byte) (nonceBase[4 + i] ^ (sequence >>> (56 - 8 * i)));
      }
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad);
    }
  }
}
