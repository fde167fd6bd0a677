package io.socketx.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.socketx.protocol.ProtocolException;

/**
 * How one connection turns a send timestamp into a WebSocket frame and back: plain binary messages
 * or SocketX records. Each message starts with its 8-byte timestamp.
 */
interface Framing {
  /** {@link #receive} consumed a handshake record. */
  long HANDSHAKING = -1;

  /** {@link #receive} consumed the record that opened the session. */
  long OPENED = -2;

  /**
   * Starts whatever must follow the WebSocket upgrade.
   *
   * @return true when data may flow at once
   */
  boolean begin(ChannelHandlerContext ctx);

  /**
   * Consumes one binary message; replies it needs are written (not flushed) to {@code ctx}.
   *
   * @return the timestamp the message carried, or {@link #HANDSHAKING} or {@link #OPENED}
   */
  long receive(ChannelHandlerContext ctx, ByteBuf content) throws ProtocolException;

  /** A data message of the run's size carrying {@code stamp}. */
  WebSocketFrame frame(ChannelHandlerContext ctx, long stamp) throws ProtocolException;
}
