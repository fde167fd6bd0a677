package io.socketx.proxy.relay;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.WriteTimeoutException;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Fires a {@link WriteTimeoutException} when the leg's flushed bytes make no progress into the
 * socket for the write timeout. Unlike Netty's {@code WriteTimeoutHandler} it keeps no timer per
 * write: while bytes are queued it looks at the outbound buffer every quarter of the timeout, so a
 * stall is reported between one and one and a quarter timeouts after the last byte left (the same
 * meaning as nginx's {@code proxy_send_timeout}: a timeout between two successive writes).
 */
public final class WriteStallHandler extends ChannelOutboundHandlerAdapter {
  private static final long MIN_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final long timeoutNanos;
  private final long checkNanos;
  private ChannelHandlerContext ctx;
  private ScheduledFuture<?> check;
  private Object lastCurrent;
  private long lastProgress;
  private long lastProgressAt;
  private boolean fired;

  public WriteStallHandler(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
    this.checkNanos = Math.max(MIN_CHECK_NANOS, timeoutNanos / 4);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    ctx.write(msg, promise);
    if (check == null && !fired) {
      ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
      lastCurrent = buffer == null ? null : buffer.current();
      lastProgress = buffer == null ? 0 : buffer.currentProgress();
      lastProgressAt = System.nanoTime();
      schedule();
    }
  }

  private void schedule() {
    check = ctx.executor().schedule(this::check, checkNanos, TimeUnit.NANOSECONDS);
  }

  private void check() {
    check = null;
    ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
    if (!ctx.channel().isActive() || buffer == null || buffer.totalPendingWriteBytes() == 0) {
      return; // nothing queued: the next write starts watching again
    }
    long now = System.nanoTime();
    Object current = buffer.current();
    long progress = buffer.currentProgress();
    // nothing flushed yet, or another buffer / more of the same one left since the last look
    if (current == null || current != lastCurrent || progress != lastProgress) {
      lastCurrent = current;
      lastProgress = progress;
      lastProgressAt = now;
    } else if (now - lastProgressAt >= timeoutNanos) {
      fired = true;
      lastCurrent = null;
      ctx.fireExceptionCaught(WriteTimeoutException.INSTANCE);
      return;
    }
    schedule();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (check != null) {
      check.cancel(false);
      check = null;
    }
    lastCurrent = null;
  }
}
