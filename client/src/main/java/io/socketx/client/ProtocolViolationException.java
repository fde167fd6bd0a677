package io.socketx.client;

import io.socketx.protocol.ProtocolError;

/**
 * The proxy sent something protocol v2 does not allow, presented an identity that is not pinned, or
 * the session ended without an authenticated close ({@code TRUNCATED}); the client closed the
 * connection.
 */
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
