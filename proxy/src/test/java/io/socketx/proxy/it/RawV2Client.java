package io.socketx.proxy.it;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * A protocol v2 client for suite {@code x25519} written from docs/protocol.md sections 2, 5 and 6
 * alone, without the protocol module: it lets a test send what the reference client refuses to (a
 * pathname that would escape the route). Checks nothing of the proxy's identity.
 */
final class RawV2Client {
  private static final byte[] MAGIC = {0x53, 0x43, 0x4B, 0x58};
  private static final int SEALED = 156;

  private final X25519PrivateKeyParameters key = new X25519PrivateKeyParameters(new SecureRandom());
  private byte[] clientHello;

  /** CLIENT_HELLO: suite 0, no pin hints, the X25519 share. */
  byte[] hello() {
    ByteBuffer b = ByteBuffer.allocate(41);
    b.put(header(1)).put((byte) 0).put((byte) 0).put(key.generatePublicKey().getEncoded());
    clientHello = b.array();
    return clientHello.clone();
  }

  /** CLIENT_FINISHED carrying {@code pathname}, computed from the proxy's SERVER_HELLO. */
  byte[] finished(byte[] serverHello, String pathname) throws GeneralSecurityException {
    byte[] share = Arrays.copyOf(serverHello, serverHello.length - SEALED);
    byte[] sealed = Arrays.copyOfRange(serverHello, share.length, serverHello.length);
    byte[] serverX25519 = Arrays.copyOfRange(share, 7 + 1 + 16, 7 + 1 + 16 + 32);
    byte[] ss = new byte[32];
    X25519Agreement agreement = new X25519Agreement();
    agreement.init(key);
    agreement.calculateAgreement(new X25519PublicKeyParameters(serverX25519), ss, 0);

    byte[] handshakeSecret = hmac("socketx v2".getBytes(StandardCharsets.US_ASCII), ss);
    byte[] hShare = sha256(clientHello, share);
    byte[] cHs = expandLabel(handshakeSecret, "c hs", hShare, 32);
    byte[] sHs = expandLabel(handshakeSecret, "s hs", hShare, 32);

    byte[] identity = aesGcm(Cipher.DECRYPT_MODE, sHs, 0, share, sealed);
    byte[] hFinished = sha256(clientHello, share, identity);
    byte[] clientFinished = hmac(expandLabel(cHs, "finished", new byte[0], 32), hFinished);

    byte[] path = pathname.getBytes(StandardCharsets.UTF_8);
    byte[] plaintext = ByteBuffer.allocate(32 + path.length).put(clientFinished).put(path).array();
    byte[] aad = ByteBuffer.allocate(15).put(header(3)).putLong(0).array();
    byte[] ciphertext = aesGcm(Cipher.ENCRYPT_MODE, cHs, 0, aad, plaintext);
    return ByteBuffer.allocate(15 + ciphertext.length).put(aad).put(ciphertext).array();
  }

  private static byte[] header(int type) {
    return new byte[] {MAGIC[0], MAGIC[1], MAGIC[2], MAGIC[3], 2, (byte) type, (byte) 254};
  }

  /** AES-256-GCM under key(T) and iv(T) XOR the sequence number (section 2). */
  private static byte[] aesGcm(int mode, byte[] secret, long seq, byte[] aad, byte[] input)
      throws GeneralSecurityException {
    byte[] nonce = expandLabel(secret, "iv", new byte[0], 12);
    for (int i = 0; i < 8; i++) {
      nonce[4 + i] ^= (byte) (seq >>> (56 - 8 * i));
    }
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(
        mode,
        new SecretKeySpec(expandLabel(secret, "key", new byte[0], 32), "AES"),
        new GCMParameterSpec(128, nonce));
    gcm.updateAAD(aad);
    return gcm.doFinal(input);
  }

  /** HKDF-Expand (one block suffices for L at most 32) of the TLS 1.3-style label "sx2 ". */
  private static byte[] expandLabel(byte[] secret, String label, byte[] context, int length)
      throws GeneralSecurityException {
    byte[] l = ("sx2 " + label).getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream info = new ByteArrayOutputStream();
    info.write(length >>> 8);
    info.write(length);
    info.write(l.length);
    info.writeBytes(l);
    info.write(context.length);
    info.writeBytes(context);
    info.write(1);
    return Arrays.copyOf(hmac(secret, info.toByteArray()), length);
  }

  private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  private static byte[] sha256(byte[]... parts) throws GeneralSecurityException {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    for (byte[] p : parts) {
      d.update(p);
    }
    return d.digest();
  }
}
