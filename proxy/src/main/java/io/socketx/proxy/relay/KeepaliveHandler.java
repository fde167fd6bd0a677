package io.socketx.proxy.relay;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Sends a ping every interval once the WebSocket is up and reports a timeout when neither a pong
 * nor any other frame arrived within the pong timeout. A leg whose reads are paused by backpressure
 * cannot see its pong, so the check waits while {@code readsPaused} is true (the write timeout of
 * the other leg bounds that wait).
 */
public final class KeepaliveHandler extends ChannelDuplexHandler {
  private final long intervalNanos;
  private final long timeoutNanos;
  private final BooleanSupplier readsPaused;
  private final Runnable onTimeout;
  private ScheduledFuture<?> pinger;
  private long awaitingSince;

  public KeepaliveHandler(
      Duration interval, Duration timeout, BooleanSupplier readsPaused, Runnable onTimeout) {
    this.intervalNanos = interval.toNanos();
    this.timeoutNanos = timeout.toNanos();
    this.readsPaused = readsPaused;
    this.onTimeout = onTimeout;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete
        || evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      start(ctx);
    }
    ctx.fireUserEventTriggered(evt);
  }

  private void start(ChannelHandlerContext ctx) {
    if (intervalNanos <= 0 || pinger != null) {
      return;
    }
    pinger =
        ctx.executor()
            .scheduleAtFixedRate(
                () -> tick(ctx), intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
  }

  private void tick(ChannelHandlerContext ctx) {
    if (!ctx.channel().isActive()) {
      return;
    }
    if (awaitingSince == 0) {
      awaitingSince = System.nanoTime();
      ctx.writeAndFlush(new PingWebSocketFrame());
      ctx.executor().schedule(() -> check(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
    }
  }

  private void check(ChannelHandlerContext ctx) {
    if (awaitingSince == 0 || !ctx.channel().isActive()) {
      return;
    }
    if (readsPaused.getAsBoolean()) {
      ctx.executor().schedule(() -> check(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
      return;
    }
    if (System.nanoTime() - awaitingSince >= timeoutNanos) {
      onTimeout.run();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof WebSocketFrame) {
      awaitingSince = 0;
    }
    if (msg instanceof PongWebSocketFrame pong) {
      pong.release();
      return;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    stop();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    stop();
  }

  private void stop() {
    if (pinger != null) {
      pinger.cancel(false);
    }
  }
}
