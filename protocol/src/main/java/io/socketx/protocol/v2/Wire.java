package io.socketx.protocol.v2;

/** Fixed sizes and limits of the protocol v2 wire format (docs/protocol.md). */
public final class Wire {
  /** WebSocket subprotocol a v2 client offers. */
  public static final String SUBPROTOCOL = "socketx.v2";

  /** Version byte of every v2 record. */
  public static final int VERSION = 2;

  /** Header: magic (4), version (1), type (1), message type (1). */
  public static final int HEADER_LENGTH = 7;

  /** Explicit sequence number of encrypted records. */
  public static final int SEQUENCE_LENGTH = 8;

  /** AES-GCM tag. */
  public static final int TAG_LENGTH = 16;

  /** Header, sequence number and tag: the size of an encrypted record with no plaintext. */
  public static final int ENCRYPTED_OVERHEAD = HEADER_LENGTH + SEQUENCE_LENGTH + TAG_LENGTH;

  /**
   * Where an opened record's plaintext starts, counted from the record's first byte: a record
   * decrypted in place keeps its plaintext where its ciphertext was.
   */
  public static final int PLAINTEXT_OFFSET = HEADER_LENGTH + SEQUENCE_LENGTH;

  /** Most pin hints a CLIENT_HELLO may carry. */
  public static final int MAX_HINTS = 8;

  /** Bytes of one pin hint. */
  public static final int HINT_LENGTH = 8;

  /** Session id bytes in SERVER_HELLO. */
  public static final int EEID_LENGTH = 16;

  /** DER SubjectPublicKeyInfo of an Ed25519 key. */
  public static final int SPKI_LENGTH = 44;

  /** Ed25519 signature. */
  public static final int SIGNATURE_LENGTH = 64;

  /** HMAC-SHA256 Finished value. */
  public static final int FINISHED_LENGTH = 32;

  /** The sealed identity part at the end of SERVER_HELLO: spki, signature, Finished and tag. */
  public static final int SEALED_LENGTH =
      SPKI_LENGTH + SIGNATURE_LENGTH + FINISHED_LENGTH + TAG_LENGTH;

  /** Most PROXY_DATA records a client may send before UPSTREAM_CONNECTED. */
  public static final int MAX_EARLY_RECORDS = 256;

  /** Most PROXY_DATA plaintext bytes a client may send before UPSTREAM_CONNECTED. */
  public static final int MAX_EARLY_BYTES = 65_536;

  /** Longest CLOSE reason in UTF-8 bytes (what fits a WebSocket close frame). */
  public static final int MAX_CLOSE_REASON = 123;

  /**
   * Bytes of the encrypted record that carries {@code plaintextLength} bytes: header, sequence
   * number, ciphertext and tag.
   */
  public static int sealedLength(int plaintextLength) {
    return ENCRYPTED_OVERHEAD + plaintextLength;
  }

  private Wire() {}
}
