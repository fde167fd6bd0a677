package io.socketx.protocol.v2;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * A proxy identity key: an Ed25519 private key that signs the handshake transcript. Its public half
 * travels as a DER SubjectPublicKeyInfo and is named by its {@link Fingerprint}. {@link
 * #toString()} never shows the private key.
 */
public final class IdentityKey {
  /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), followed by the 32-byte key. */
  static final byte[] ED25519_SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  /** id-Ed25519 (RFC 8410). */
  private static final ASN1ObjectIdentifier ED25519_OID = new ASN1ObjectIdentifier("1.3.101.112");

  private final Ed25519PrivateKeyParameters key;
  private final byte[] spki;
  private final Fingerprint fingerprint;

  private IdentityKey(Ed25519PrivateKeyParameters key) {
    this(key, spkiOf(key.generatePublicKey()));
  }

  private IdentityKey(Ed25519PrivateKeyParameters key, byte[] spki) {
    this.key = key;
    this.spki = spki;
    this.fingerprint = Fingerprint.ofSpki(spki);
  }

  /**
   * For tests of a man-in-the-middle: a key that presents {@code victim}'s public key but signs
   * with {@code signer}'s private key, so its signatures never verify.
   */
  static IdentityKey impostor(IdentityKey signer, IdentityKey victim) {
    return new IdentityKey(signer.key, victim.spki);
  }

  /** A new random key. */
  public static IdentityKey generate(SecureRandom random) {
    return new IdentityKey(new Ed25519PrivateKeyParameters(random));
  }

  /**
   * Reads a DER PKCS#8 Ed25519 private key (RFC 8410).
   *
   * @throws IllegalArgumentException if the bytes are not an Ed25519 PKCS#8 key
   */
  public static IdentityKey fromPkcs8(byte[] der) {
    AsymmetricKeyParameter parsed;
    try {
      parsed = PrivateKeyFactory.createKey(der);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a PKCS#8 private key: " + e.getMessage(), e);
    }
    if (!(parsed instanceof Ed25519PrivateKeyParameters ed)) {
      throw new IllegalArgumentException(
          "identity keys must be Ed25519, not " + parsed.getClass().getSimpleName());
    }
    return new IdentityKey(ed);
  }

  /**
   * This key as DER PKCS#8 in the 48-byte form {@code openssl genpkey -algorithm ed25519} writes
   * (secret: store it like a password).
   */
  public byte[] toPkcs8() {
    try {
      return new PrivateKeyInfo(
              new AlgorithmIdentifier(ED25519_OID), new DEROctetString(key.getEncoded()))
          .getEncoded("DER");
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the identity key", e);
    }
  }

  /** The 44-byte DER SubjectPublicKeyInfo of the public key. */
  public byte[] spki() {
    return spki.clone();
  }

  /** The name of the public key that clients pin. */
  public Fingerprint fingerprint() {
    return fingerprint;
  }

  byte[] sign(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  /** Whether {@code spki} is an Ed25519 SubjectPublicKeyInfo. */
  static boolean isEd25519Spki(byte[] spki) {
    return spki.length == Wire.SPKI_LENGTH
        && Arrays.equals(
            spki,
            0,
            ED25519_SPKI_PREFIX.length,
            ED25519_SPKI_PREFIX,
            0,
            ED25519_SPKI_PREFIX.length);
  }

  /** Verifies an Ed25519 signature by the key in {@code spki} (checked by isEd25519Spki). */
  static boolean verify(byte[] spki, byte[] message, byte[] signature) {
    Ed25519PublicKeyParameters pub =
        new Ed25519PublicKeyParameters(spki, ED25519_SPKI_PREFIX.length);
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, pub);
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }

  private static byte[] spkiOf(Ed25519PublicKeyParameters pub) {
    try {
      return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pub).getEncoded("DER");
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the identity public key", e);
    }
  }

  @Override
  public String toString() {
    return "IdentityKey[" + fingerprint + "]";
  }
}
