package io.socketx.protocol.v2;

import io.socketx.protocol.MessageType;
import java.nio.ByteBuffer;

/**
 * What the transport must do after a session consumed a record. A client sees {@link Established},
 * {@link UpstreamConnected}; a proxy sees {@link Reply}, {@link UpstreamRequested}, {@link
 * EarlyDataHeld}; both see the rest.
 */
public sealed interface Event {

  /** Proxy: send {@code record} (SERVER_HELLO) to the client. */
  record Reply(ByteBuffer record) implements Event {}

  /**
   * Client: the proxy proved a pinned identity; send {@code clientFinished} (it carries the
   * pathname). Application data may follow at once (early data, bounded).
   */
  record Established(ByteBuffer clientFinished, Fingerprint proxyIdentity, String eeid)
      implements Event {}

  /**
   * Proxy: the client confirmed the keys; open the upstream at {@code pathname}, then call {@link
   * ServerSession#upstreamConnected()}.
   */
  record UpstreamRequested(String pathname) implements Event {}

  /** Proxy: early data is held in order until the upstream is connected; nothing to do. */
  record EarlyDataHeld(int records, long bytes) implements Event {}

  /** Client: the upstream is connected; data from it follows. */
  record UpstreamConnected() implements Event {}

  /** An application message: forward it (proxy: upstream; client: to the application). */
  record Data(MessageType type, ByteBuffer payload) implements Event {}

  /** The peer switched its sending key; nothing to do. */
  record KeyUpdated() implements Event {}

  /** The peer ended the session with an authenticated CLOSE; close the transport. */
  record Closed(CloseNotice notice) implements Event {}

  /**
   * A record arrived after a missing one; nothing is delivered from now on and the session fails
   * with a named error once the missing record arrives or the window is used up.
   */
  record Withheld(long sequence) implements Event {}
}
