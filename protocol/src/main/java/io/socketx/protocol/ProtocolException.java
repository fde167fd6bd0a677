package io.socketx.protocol;

/** A peer sent something protocol v1 does not allow; {@link #error()} says what. */
public final class ProtocolException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ProtocolError error;

  public ProtocolException(ProtocolError error, String message) {
    super(message);
    this.error = error;
  }

  public ProtocolException(ProtocolError error, String message, Throwable cause) {
    super(message, cause);
    this.error = error;
  }

  /** Which rule was broken. */
  public ProtocolError error() {
    return error;
  }
}
