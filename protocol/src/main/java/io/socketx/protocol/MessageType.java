package io.socketx.protocol;

/** What kind of application message a record carries. */
public enum MessageType {
  TEXT(0),
  BINARY(1),
  /** Handshake and control records carry no application message. */
  NONE(254);

  private final int code;

  MessageType(int code) {
    this.code = code;
  }

  /** The byte that identifies this type on the wire. */
  public int code() {
    return code;
  }

  static MessageType fromCode(int code) throws ProtocolException {
    return switch (code) {
      case 0 -> TEXT;
      case 1 -> BINARY;
      case 254 -> NONE;
      default ->
          throw new ProtocolException(
              ProtocolError.UNKNOWN_MESSAGE_TYPE, "unknown message type " + code);
    };
  }
}
