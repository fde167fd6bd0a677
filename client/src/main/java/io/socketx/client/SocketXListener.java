package io.socketx.client;

import java.nio.ByteBuffer;

/**
 * Receives the application messages and the end of a {@link SocketXConnection}. Calls for one
 * connection never overlap; they come from the HTTP client's executor, so don't block in them.
 */
public interface SocketXListener {

  /** A text message from the upstream. */
  default void onText(SocketXConnection connection, String text) {}

  /** A binary message from the upstream; the buffer is the listener's to keep. */
  default void onBinary(SocketXConnection connection, ByteBuffer data) {}

  /** The connection closed with this WebSocket code and reason. Called once. */
  default void onClose(SocketXConnection connection, int code, String reason) {}

  /** The connection failed after it opened (a protocol violation or an I/O error). */
  default void onError(SocketXConnection connection, Throwable error) {}
}
