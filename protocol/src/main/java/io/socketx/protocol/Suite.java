package io.socketx.protocol;

import java.util.Optional;
import org.bouncycastle.crypto.params.MLKEMParameters;

/** A key-exchange suite: X25519 alone or hybrid X25519 + ML-KEM, ordered by strength. */
public enum Suite {
  X25519(0, "x25519", null),
  X25519_MLKEM512(512, "x25519-mlkem512", MLKEMParameters.ml_kem_512),
  X25519_MLKEM768(768, "x25519-mlkem768", MLKEMParameters.ml_kem_768),
  X25519_MLKEM1024(1024, "x25519-mlkem1024", MLKEMParameters.ml_kem_1024);

  private final int strength;
  private final String wireName;
  private final MLKEMParameters mlkem;

  Suite(int strength, String wireName, MLKEMParameters mlkem) {
    this.strength = strength;
    this.wireName = wireName;
    this.mlkem = mlkem;
  }

  /** The strength as configured by {@code MTE_KYBER_STRENGTH}: 0, 512, 768 or 1024. */
  public int strength() {
    return strength;
  }

  /** The name used in handshake JSON. */
  public String wireName() {
    return wireName;
  }

  /** Whether this suite includes an ML-KEM exchange. */
  public boolean hasMlKem() {
    return mlkem != null;
  }

  /** The BouncyCastle ML-KEM parameter set, or null for X25519 alone. */
  public MLKEMParameters mlkemParameters() {
    return mlkem;
  }

  /** Length in bytes of the ML-KEM encapsulation key, 0 for X25519 alone. */
  public int mlkemPublicKeyLength() {
    return mlkem == null ? 0 : 384 * mlkem.getK() + 32;
  }

  /** Length in bytes of the ML-KEM ciphertext, 0 for X25519 alone. */
  public int mlkemCiphertextLength() {
    return mlkem == null ? 0 : mlkem.getEncapsulationLength();
  }

  /** Whether this suite is at least as strong as {@code minimum}. */
  public boolean atLeast(Suite minimum) {
    return strength >= minimum.strength;
  }

  /**
   * The suite for a configured strength.
   *
   * @throws IllegalArgumentException if the strength is not 0, 512, 768 or 1024
   */
  public static Suite fromStrength(int strength) {
    for (Suite suite : values()) {
      if (suite.strength == strength) {
        return suite;
      }
    }
    throw new IllegalArgumentException(
        "strength must be one of 0, 512, 768, 1024 but was " + strength);
  }

  /** The suite with this wire name, if it is one this implementation knows. */
  public static Optional<Suite> fromWireName(String name) {
    for (Suite suite : values()) {
      if (suite.wireName.equals(name)) {
        return Optional.of(suite);
      }
    }
    return Optional.empty();
  }
}
