package io.socketx.protocol;

/**
 * Every way a peer can violate the protocol (v1 and v2), each with the WebSocket close code and
 * reason the other side closes with. The codes are part of the specification (docs/protocol.md
 * section 10, docs/protocol-v1.md section 7).
 */
public enum ProtocolError {
  MALFORMED_RECORD(4000, "malformed record"),
  BAD_MAGIC(4001, "bad magic"),
  BAD_VERSION(4002, "unsupported protocol version"),
  UNKNOWN_ACTION(4003, "unknown action"),
  UNKNOWN_MESSAGE_TYPE(4004, "unknown message type"),
  UNEXPECTED_ACTION(4005, "unexpected action"),
  MALFORMED_JSON(4006, "malformed handshake json"),
  WRONG_KEY_LENGTH(4007, "wrong key length"),
  INVALID_KEY(4008, "invalid key"),
  SUITE_BELOW_MINIMUM(4009, "suite below minimum"),
  NO_COMMON_SUITE(4010, "no common suite"),
  AUTHENTICATION_FAILED(4011, "authentication failed"),
  REPLAY(4012, "replayed record"),
  OUTSIDE_WINDOW(4013, "record outside window"),
  SEQUENCE_EXHAUSTED(4014, "sequence exhausted"),
  INVALID_PATHNAME(4015, "invalid pathname"),
  TEXT_FRAME(4016, "text frame not allowed"),
  HANDSHAKE_TIMEOUT(4017, "handshake timeout"),
  PIN_MISMATCH(4018, "proxy identity not pinned"),
  BAD_SIGNATURE(4019, "bad identity signature"),
  BAD_FINISHED(4020, "key confirmation failed"),
  UNSUPPORTED_IDENTITY_KEY(4021, "unsupported identity key"),
  RECORD_REPLAYED(4022, "replayed record"),
  RECORD_REORDERED(4023, "reordered record"),
  RECORD_GAP(4024, "missing record"),
  TRUNCATED(4025, "truncated session"),
  EARLY_DATA_LIMIT(4026, "too much early data"),
  KEY_LIMIT_EXCEEDED(4027, "key usage limit exceeded"),
  MESSAGE_TOO_LARGE(1009, "message too large");

  private final int closeCode;
  private final String reason;

  ProtocolError(int closeCode, String reason) {
    this.closeCode = closeCode;
    this.reason = reason;
  }

  /** The WebSocket close code sent to the peer that caused this error. */
  public int closeCode() {
    return closeCode;
  }

  /** The close reason sent with {@link #closeCode()}: short, stable, and free of peer data. */
  public String reason() {
    return reason;
  }
}
