package io.socketx.proxy.relay;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Closes the connection with 1008 when a peer has made its own leg queue more than the per-leg
 * bound, checked on every frame the peer sends. It sits before Netty's WebSocket protocol handler,
 * which answers each ping with a pong of the same size: without this check a peer that sends pings
 * and never reads would grow the proxy's memory without limit.
 */
public final class OutboundLimitHandler extends ChannelInboundHandlerAdapter {
  private final Connection connection;

  public OutboundLimitHandler(Connection connection) {
    this.connection = connection;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof WebSocketFrame && connection.overBufferLimit(ctx.channel())) {
      // dropped, so no further pong is queued while the close frame waits behind the others
      ReferenceCountUtil.release(msg);
      connection.fail(CloseCodes.POLICY_VIOLATION, "buffer limit exceeded");
      return;
    }
    ctx.fireChannelRead(msg);
  }
}
