package io.socketx.protocol;

import java.nio.ByteBuffer;

/** What the transport must do after a server session consumed a record. */
public sealed interface ServerEvent {

  /** Send {@code record} to the client as one binary WebSocket message. */
  record Reply(ByteBuffer record) implements ServerEvent {}

  /**
   * Open the upstream leg at {@code pathname} (starts with '/', may carry a query), then call
   * {@link ServerSession#upstreamConnected()}.
   */
  record UpstreamRequested(String pathname) implements ServerEvent {}

  /** Forward {@code payload} upstream as a text or binary message. */
  record Data(MessageType type, ByteBuffer payload) implements ServerEvent {}
}
