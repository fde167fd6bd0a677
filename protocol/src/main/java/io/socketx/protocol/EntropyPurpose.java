package io.socketx.protocol;

/** What a random value is used for; the names appear in the published test vectors. */
public enum EntropyPurpose {
  /** Server: the 16-byte session id. */
  EEID("eeid"),
  /** Client: the personalization string of the client-to-server direction (16 bytes). */
  C2S_PERSONALIZATION("c2s.personalization"),
  /** Client: the personalization string of the server-to-client direction (16 bytes). */
  S2C_PERSONALIZATION("s2c.personalization"),
  /** Client: X25519 private key of the client-to-server direction. */
  C2S_CLIENT_X25519("c2s.client.x25519"),
  /** Client: X25519 private key of the server-to-client direction. */
  S2C_CLIENT_X25519("s2c.client.x25519"),
  /** Client: 64-byte ML-KEM key generation seed (d || z) of the client-to-server direction. */
  C2S_CLIENT_MLKEM_SEED("c2s.client.mlkem-seed"),
  /** Client: 64-byte ML-KEM key generation seed (d || z) of the server-to-client direction. */
  S2C_CLIENT_MLKEM_SEED("s2c.client.mlkem-seed"),
  /** Server: X25519 private key of the client-to-server direction. */
  C2S_SERVER_X25519("c2s.server.x25519"),
  /** Server: X25519 private key of the server-to-client direction. */
  S2C_SERVER_X25519("s2c.server.x25519"),
  /** Server: 32-byte ML-KEM encapsulation randomness m of the client-to-server direction. */
  C2S_SERVER_MLKEM_M("c2s.server.mlkem-m"),
  /** Server: 32-byte ML-KEM encapsulation randomness m of the server-to-client direction. */
  S2C_SERVER_MLKEM_M("s2c.server.mlkem-m"),
  /** Server: 32-byte HKDF salt of the client-to-server direction. */
  C2S_NONCE("c2s.nonce"),
  /** Server: 32-byte HKDF salt of the server-to-client direction. */
  S2C_NONCE("s2c.nonce"),
  /** v2 client: X25519 private key of its one key share. */
  V2_CLIENT_X25519("v2.client.x25519"),
  /** v2 client: 64-byte ML-KEM key generation seed (d || z). */
  V2_CLIENT_MLKEM_SEED("v2.client.mlkem-seed"),
  /** v2 proxy: X25519 private key of its key share. */
  V2_SERVER_X25519("v2.server.x25519"),
  /** v2 proxy: 32-byte ML-KEM encapsulation randomness m. */
  V2_SERVER_MLKEM_M("v2.server.mlkem-m"),
  /** v2 proxy: the 16-byte session id. */
  V2_EEID("v2.eeid");

  private final String label;

  EntropyPurpose(String label) {
    this.label = label;
  }

  /** The name of this value in test vectors. */
  public String label() {
    return label;
  }
}
