package io.socketx.client;

/** The proxy answered the WebSocket upgrade with an HTTP status instead of 101. */
public final class UpgradeRejectedException extends SocketXException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;

  public UpgradeRejectedException(int statusCode, String message) {
    super(message);
    this.statusCode = statusCode;
  }

  /** The HTTP status, e.g. 403 for an origin not allowed, 404 for an unknown host. */
  public int statusCode() {
    return statusCode;
  }
}
