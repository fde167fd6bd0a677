package io.socketx.protocol;

import java.nio.ByteBuffer;

/** What the transport must do after a client session consumed a record. */
public sealed interface ClientEvent {

  /** Send {@code record} to the server as one binary WebSocket message. */
  record Reply(ByteBuffer record) implements ClientEvent {}

  /** The server connected the upstream: the session is open for application data. */
  record Opened() implements ClientEvent {}

  /** An application message arrived from the upstream. */
  record Data(MessageType type, ByteBuffer payload) implements ClientEvent {}
}
