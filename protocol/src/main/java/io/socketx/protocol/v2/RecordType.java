package io.socketx.protocol.v2;

import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.ProtocolException;

/** The record types of protocol v2 (docs/protocol.md section 3). */
public enum RecordType {
  CLIENT_HELLO(1),
  SERVER_HELLO(2),
  CLIENT_FINISHED(3),
  UPSTREAM_CONNECTED(4),
  PROXY_DATA(5),
  KEY_UPDATE(6),
  CLOSE(7);

  private static final RecordType[] ALL = values();

  private final int code;

  RecordType(int code) {
    this.code = code;
  }

  /** The byte that identifies this type on the wire. */
  public int code() {
    return code;
  }

  /** Whether records of this type are AES-GCM records with a sequence number. */
  boolean encrypted() {
    return code >= CLIENT_FINISHED.code;
  }

  static RecordType fromCode(int code) throws ProtocolException {
    for (RecordType t : ALL) {
      if (t.code == code) {
        return t;
      }
    }
    throw new ProtocolException(ProtocolError.UNKNOWN_ACTION, "unknown record type " + code);
  }
}
