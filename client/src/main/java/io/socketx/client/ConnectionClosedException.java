package io.socketx.client;

/** The server closed the WebSocket before the session opened, with this code and reason. */
public final class ConnectionClosedException extends SocketXException {
  private static final long serialVersionUID = 1L;

  private final int code;
  private final String reason;

  public ConnectionClosedException(int code, String reason) {
    super("closed by the server with " + code + (reason.isEmpty() ? "" : " (" + reason + ")"));
    this.code = code;
    this.reason = reason;
  }

  /** The WebSocket close code, e.g. 1014 when the upstream is unavailable. */
  public int code() {
    return code;
  }

  /** The close reason, possibly empty. */
  public String reason() {
    return reason;
  }
}
