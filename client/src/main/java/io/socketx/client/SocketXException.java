package io.socketx.client;

/** Why a SocketX connection could not be opened or was lost. */
public class SocketXException extends Exception {
  private static final long serialVersionUID = 1L;

  public SocketXException(String message) {
    super(message);
  }

  public SocketXException(String message, Throwable cause) {
    super(message, cause);
  }
}
