package io.socketx.bench.load;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.socketx.protocol.ProtocolException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One load-generator connection: waits for the WebSocket upgrade and any SocketX handshake, then
 * sends timestamped messages on request and reports echoes, flushing once per read burst.
 */
final class BenchConnection extends ChannelInboundHandlerAdapter {

  /** What a scenario does as the connection progresses; called on the channel's event loop. */
  interface Listener {
    void opened(BenchConnection connection);

    void echoed(BenchConnection connection);

    void closed(BenchConnection connection, boolean wasOpen);
  }

  private final Framing framing;
  private final Stats stats;
  private final Listener listener;
  private final long startedAt;
  private ChannelHandlerContext ctx;
  private boolean open;
  private boolean failed;

  BenchConnection(Framing framing, Stats stats, Listener listener) {
    this.framing = framing;
    this.stats = stats;
    this.listener = listener;
    this.startedAt = stats.now();
  }

  /** When the connect began, for handshake latency. */
  long startedAt() {
    return startedAt;
  }

  /** The event loop this connection's callbacks run on. */
  EventLoop eventLoop() {
    return ctx.channel().eventLoop();
  }

  /** Runs {@code task} on this connection's event loop every {@code period}. */
  void every(Duration period, Duration initialDelay, Runnable task) {
    ctx.executor()
        .scheduleAtFixedRate(task, initialDelay.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
  }

  boolean isOpen() {
    return open;
  }

  /** Whether this connection already counted an error of its own. */
  boolean failed() {
    return failed;
  }

  /** Writes one message stamped {@code stamp}; the caller flushes or a read burst's end does. */
  void send(long stamp) {
    try {
      ctx.write(framing.frame(ctx, stamp), ctx.voidPromise());
      stats.sent();
    } catch (ProtocolException e) {
      fail(e);
    }
  }

  void flush() {
    ctx.flush();
  }

  void close() {
    if (ctx != null) {
      ctx.close();
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      if (framing.begin(ctx)) {
        markOpen();
      }
    } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      fail(new IllegalStateException("WebSocket upgrade timed out"));
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof BinaryWebSocketFrame frame) {
        long r = framing.receive(ctx, frame.content());
        if (r >= 0) {
          stats.echoed(r);
          listener.echoed(this);
        } else if (r == Framing.OPENED) {
          markOpen();
        }
      } else if (msg instanceof WebSocketFrame) {
        fail(new IllegalStateException("unexpected " + msg.getClass().getSimpleName()));
      }
    } catch (ProtocolException e) {
      fail(e);
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    listener.closed(this, open);
    open = false;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail(cause);
  }

  private void markOpen() {
    open = true;
    listener.opened(this);
  }

  private void fail(Throwable cause) {
    if (failed) {
      return;
    }
    failed = true;
    stats.error();
    if (Boolean.getBoolean("socketx.bench.debug")) {
      cause.printStackTrace();
    }
    ctx.close();
  }
}
