package io.socketx.protocol;

import java.util.Arrays;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * One hybrid key exchange: the client offers an X25519 public key and (for hybrid suites) an ML-KEM
 * encapsulation key; the server answers with its X25519 public key and an ML-KEM ciphertext; both
 * derive the two shared secrets. Protocol v1 runs one per direction and combines {@code x25519 ||
 * mlkem}; v2 runs one per session and combines {@code mlkem || x25519}.
 */
public final class HybridKeyExchange {
  public static final int X25519_KEY_LENGTH = 32;
  public static final int MLKEM_SEED_LENGTH = 64;
  public static final int MLKEM_M_LENGTH = 32;

  private HybridKeyExchange() {}

  /** The two shared secrets of one exchange; {@code mlkem} is null for X25519 alone. */
  public record Secrets(byte[] x25519, byte[] mlkem) {

    /** Protocol v1's combiner input: {@code x25519 || mlkem}. */
    byte[] x25519First() {
      return mlkem == null ? x25519.clone() : concat(x25519, mlkem);
    }

    /** Protocol v2's combiner input, the X25519MLKEM768 order: {@code mlkem || x25519}. */
    public byte[] mlkemFirst() {
      return mlkem == null ? x25519.clone() : concat(mlkem, x25519);
    }

    /** Overwrites both secrets. */
    public void destroy() {
      Arrays.fill(x25519, (byte) 0);
      if (mlkem != null) {
        Arrays.fill(mlkem, (byte) 0);
      }
    }
  }

  /** The client's half: private keys kept, public keys sent. */
  public static final class ClientOffer {
    final X25519PrivateKeyParameters x25519;
    final MLKEMPrivateKeyParameters mlkem;

    public ClientOffer(Suite suite, byte[] x25519Private, byte[] mlkemSeed) {
      this.x25519 = new X25519PrivateKeyParameters(x25519Private, 0);
      this.mlkem =
          suite.hasMlKem()
              ? new MLKEMPrivateKeyParameters(suite.mlkemParameters(), mlkemSeed)
              : null;
    }

    public byte[] x25519Public() {
      return x25519.generatePublicKey().getEncoded();
    }

    public byte[] mlkemPublic() {
      return mlkem == null ? null : mlkem.getPublicKeyParameters().getEncoded();
    }

    /** Combines the server's answer into v1's shared secret. */
    byte[] finish(Suite suite, byte[] serverX25519Public, byte[] mlkemCiphertext)
        throws ProtocolException {
      Secrets secrets = agree(suite, serverX25519Public, mlkemCiphertext);
      byte[] combined = secrets.x25519First();
      secrets.destroy();
      return combined;
    }

    /**
     * Both shared secrets from the server's answer.
     *
     * @throws ProtocolException {@code INVALID_KEY} for a low-order X25519 point
     */
    public Secrets agree(Suite suite, byte[] serverX25519Public, byte[] mlkemCiphertext)
        throws ProtocolException {
      byte[] dh = X25519.agree(x25519, serverX25519Public);
      if (!suite.hasMlKem()) {
        return new Secrets(dh, null);
      }
      return new Secrets(dh, new MLKEMExtractor(mlkem).extractSecret(mlkemCiphertext));
    }
  }

  /** The server's answer. */
  public record ServerAnswer(byte[] x25519Public, byte[] mlkemCiphertext, Secrets secrets) {

    /** Protocol v1's combined secret, {@code x25519 || mlkem}. */
    byte[] sharedSecret() {
      return secrets.x25519First();
    }
  }

  /**
   * Runs the server's half against the client's public keys.
   *
   * @throws ProtocolException {@code INVALID_KEY} for a low-order X25519 point or an ML-KEM key
   *     that fails the FIPS 203 modulus check
   */
  public static ServerAnswer answer(
      Suite suite,
      byte[] clientX25519Public,
      byte[] clientMlkemPublic,
      byte[] serverX25519Private,
      byte[] mlkemM)
      throws ProtocolException {
    X25519PrivateKeyParameters mine = new X25519PrivateKeyParameters(serverX25519Private, 0);
    byte[] dh = X25519.agree(mine, clientX25519Public);
    byte[] myPublic = mine.generatePublicKey().getEncoded();
    if (!suite.hasMlKem()) {
      return new ServerAnswer(myPublic, null, new Secrets(dh, null));
    }
    checkModulus(suite, clientMlkemPublic);
    MLKEMPublicKeyParameters ek;
    try {
      ek = new MLKEMPublicKeyParameters(suite.mlkemParameters(), clientMlkemPublic);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(
          ProtocolError.INVALID_KEY, "ML-KEM encapsulation key is invalid: " + e.getMessage());
    }
    SecretWithEncapsulation sw = MLKEMGenerator.internalGenerateEncapsulated(ek, mlkemM);
    return new ServerAnswer(myPublic, sw.getEncapsulation(), new Secrets(dh, sw.getSecret()));
  }

  /**
   * FIPS 203 encapsulation key check: every 12-bit coefficient of the encoded vector t must be
   * below q = 3329, i.e. ByteEncode12(ByteDecode12(ek)) == ek.
   */
  private static void checkModulus(Suite suite, byte[] ek) throws ProtocolException {
    int end = ek.length - 32;
    for (int i = 0; i < end; i += 3) {
      int b0 = ek[i] & 0xff;
      int b1 = ek[i + 1] & 0xff;
      int b2 = ek[i + 2] & 0xff;
      int c0 = b0 | ((b1 & 0x0f) << 8);
      int c1 = (b1 >>> 4) | (b2 << 4);
      if (c0 >= 3329 || c1 >= 3329) {
        throw new ProtocolException(
            ProtocolError.INVALID_KEY,
            suite.wireName() + " encapsulation key has a coefficient not below q = 3329");
      }
    }
  }

  /** X25519 agreement that refuses low-order points. */
  private static final class X25519 {
    static byte[] agree(X25519PrivateKeyParameters mine, byte[] theirPublic)
        throws ProtocolException {
      byte[] out = new byte[X25519_KEY_LENGTH];
      X25519Agreement agreement = new X25519Agreement();
      agreement.init(mine);
      try {
        agreement.calculateAgreement(new X25519PublicKeyParameters(theirPublic, 0), out, 0);
      } catch (IllegalStateException e) {
        throw new ProtocolException(
            ProtocolError.INVALID_KEY, "X25519 public key is a low-order point");
      }
      return out;
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
