package io.socketx.protocol;

/** The record actions of protocol v1, in the order a session uses them. */
public enum Action {
  REQUEST(0),
  RESPONSE(1),
  PAIR_REQUEST(2),
  PAIR_RESPONSE(3),
  UPSTREAM_CONNECTION_REQUEST(4),
  UPSTREAM_CONNECTION_RESPONSE(5),
  PROXY_DATA(6);

  private static final Action[] BY_CODE = values();

  private final int code;

  Action(int code) {
    this.code = code;
  }

  /** The byte that identifies this action on the wire. */
  public int code() {
    return code;
  }

  static Action fromCode(int code) throws ProtocolException {
    if (code < 0 || code >= BY_CODE.length) {
      throw new ProtocolException(ProtocolError.UNKNOWN_ACTION, "unknown action " + code);
    }
    return BY_CODE[code];
  }
}
