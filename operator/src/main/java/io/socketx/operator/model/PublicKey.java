package io.socketx.operator.model;

import io.socketx.protocol.v2.IdentityKey;
import java.util.Base64;

/**
 * The public half of an identity key: its fingerprint and its SubjectPublicKeyInfo as a PEM {@code
 * PUBLIC KEY} block.
 */
public record PublicKey(String fingerprint, String pem) {

  public static PublicKey of(IdentityKey key) {
    String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.spki());
    return new PublicKey(
        key.fingerprint().toString(),
        "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n");
  }
}
