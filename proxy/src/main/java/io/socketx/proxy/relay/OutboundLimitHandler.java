package io.socketx.proxy.relay;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.socketx.proxy.admission.OutboundMemory;

/**
 * Closes the connection with 1008 when, on a frame its peer sends, either its own leg queues more
 * than the per-leg bound, or the whole proxy is over {@code MAX_PENDING_BYTES_TOTAL} and this
 * connection has bytes queued toward either leg (one with nothing queued does not add to the
 * problem and is left alone).
 */
public final class OutboundLimitHandler extends ChannelInboundHandlerAdapter {
  /** The reason sent with 1008 when the proxy-wide bound is exceeded. */
  public static final String MEMORY_LIMIT_REASON = "proxy memory limit";

  private final Connection connection;
  private final OutboundMemory memory;

  public OutboundLimitHandler(Connection connection) {
    this.connection = connection;
    this.memory = connection.context().admission().outboundMemory();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof WebSocketFrame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (connection.overBufferLimit(ctx.channel())) {
      // dropped, so nothing more is queued while the close frame waits behind the rest
      ReferenceCountUtil.release(msg);
      connection.fail(CloseCodes.POLICY_VIOLATION, "buffer limit exceeded");
      return;
    }
    if (memory.overLimit()
        && connection.pendingToClientBytes() + connection.pendingToUpstreamBytes() > 0) {
      ReferenceCountUtil.release(msg);
      closeForMemory(connection);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  /** Closes {@code connection} with 1008 because the proxy is over its queued-bytes bound. */
  static void closeForMemory(Connection connection) {
    if (connection.isClosing()) {
      return;
    }
    connection.context().admission().outboundMemory().closedOne();
    connection.fail(CloseCodes.POLICY_VIOLATION, MEMORY_LIMIT_REASON);
  }
}
