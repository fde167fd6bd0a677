package io.socketx.proxy.relay;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.socketx.proxy.admission.OutboundMemory;

/**
 * Reports one leg's queued outbound bytes (Netty's outbound buffer of the channel) to the
 * proxy-wide {@link OutboundMemory} after every write and flush, whenever the leg's writability
 * changes, and as zero when it closes; and closes the connection whose write takes the proxy over
 * the bound. Reading the buffer's own total costs nothing per message; a buffer that drains without
 * any of these events is counted high by at most one write buffer (the writability watermark).
 */
public final class QueuedBytesTracker extends ChannelDuplexHandler {
  private final Connection connection;
  private final OutboundMemory memory;
  private long reported;

  public QueuedBytesTracker(Connection connection, OutboundMemory memory) {
    this.connection = connection;
    this.memory = memory;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    ctx.write(msg, promise);
    report(ctx, queuedIn(ctx));
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    ctx.flush();
    report(ctx, queuedIn(ctx));
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    report(ctx, queuedIn(ctx));
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    report(ctx, 0);
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    report(ctx, 0);
  }

  private void report(ChannelHandlerContext ctx, long queued) {
    long delta = queued - reported;
    reported = queued;
    memory.add(delta);
    if (delta > 0 && memory.overLimit() && !connection.isClosing()) {
      // not from inside this write: closing writes close frames through this same pipeline
      ctx.executor().execute(() -> OutboundLimitHandler.closeForMemory(connection));
    }
  }

  private static long queuedIn(ChannelHandlerContext ctx) {
    ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
    return buffer == null ? 0 : buffer.totalPendingWriteBytes();
  }
}
