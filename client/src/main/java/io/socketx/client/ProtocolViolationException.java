package io.socketx.client;

import io.socketx.protocol.ProtocolError;

/** The server sent something protocol v1 does not allow; the client closed the connection. */
public final class ProtocolViolationException extends SocketXException {
  private static final long serialVersionUID = 1L;

  private final transient ProtocolError error;

  public ProtocolViolationException(ProtocolError error, String message, Throwable cause) {
    super(message, cause);
    this.error = error;
  }

  /** Which rule the server broke. */
  public ProtocolError error() {
    return error;
  }
}
