package io.socketx.protocol.v2;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The one or two identity keys a proxy holds (two during a rotation), and their key file format:
 * one or two PEM blocks {@code PRIVATE KEY}, each a PKCS#8 Ed25519 key, the first being the default
 * (docs/protocol.md section 6.4).
 */
public record IdentityKeys(List<IdentityKey> keys) {
  private static final String PEM_TYPE = "PRIVATE KEY";

  public IdentityKeys {
    keys = List.copyOf(keys);
    if (keys.isEmpty() || keys.size() > 2) {
      throw new IllegalArgumentException(
          "a proxy holds one or two identity keys, not " + keys.size());
    }
  }

  public static IdentityKeys of(IdentityKey... keys) {
    return new IdentityKeys(List.of(keys));
  }

  /**
   * Reads a key file's text.
   *
   * @throws IllegalArgumentException when it holds no key, more than two, or a block that is not a
   *     PKCS#8 Ed25519 private key
   */
  public static IdentityKeys parsePem(String text) {
    List<IdentityKey> keys = new ArrayList<>();
    try (PemReader reader = new PemReader(new StringReader(text))) {
      PemObject pem;
      while ((pem = reader.readPemObject()) != null) {
        if (!PEM_TYPE.equals(pem.getType())) {
          throw new IllegalArgumentException(
              "identity key file holds a \"" + pem.getType() + "\" block; expected " + PEM_TYPE);
        }
        keys.add(IdentityKey.fromPkcs8(pem.getContent()));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "identity key file is not valid PEM: " + e.getMessage(), e);
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(
          "identity key file holds no \"-----BEGIN " + PEM_TYPE + "-----\" block");
    }
    return new IdentityKeys(keys);
  }

  /** The key file text for these keys. */
  public String toPem() {
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      for (IdentityKey key : keys) {
        writer.writeObject(new PemObject(PEM_TYPE, key.toPkcs8()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The fingerprints of the keys, default first. */
  public List<Fingerprint> fingerprints() {
    return keys.stream().map(IdentityKey::fingerprint).toList();
  }

  /** The first key whose hint the client sent, else the default key. */
  IdentityKey select(byte[] hints, int count) {
    for (IdentityKey key : keys) {
      for (int i = 0; i < count; i++) {
        if (key.fingerprint().matchesHint(hints, i * Wire.HINT_LENGTH)) {
          return key;
        }
      }
    }
    return keys.get(0);
  }

  @Override
  public String toString() {
    return "IdentityKeys" + fingerprints();
  }
}
