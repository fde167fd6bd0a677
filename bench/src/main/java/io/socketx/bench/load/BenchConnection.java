package io.socketx.bench.load;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.socketx.protocol.ProtocolException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One load-generator connection: waits for the WebSocket upgrade and any SocketX handshake, then
 * sends timestamped messages on request and reports echoes, flushing once per read burst. How the
 * server ended it (a 503 refusal, a close frame and its code, a reset, a bare close) goes to {@link
 * Outcomes}; only what no server should do counts as an error.
 */
final class BenchConnection extends ChannelInboundHandlerAdapter {
  /** RFC 6455's code for a close frame without a status code. */
  static final int NO_STATUS = 1005;

  /** What a scenario does as the connection progresses; called on the channel's event loop. */
  interface Listener {
    void opened(BenchConnection connection);

    void echoed(BenchConnection connection);

    void closed(BenchConnection connection, boolean wasOpen);

    /** The channel's writability changed; floods resume writing here. */
    default void writabilityChanged(BenchConnection connection) {}
  }

  private final Framing framing;
  private final Stats stats;
  private final Listener listener;
  private final long startedAt;
  private ChannelHandlerContext ctx;
  private boolean open;
  private boolean failed;
  private boolean ended; // the server's way of ending it was counted
  private boolean closing; // closed by the generator itself

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

  /** The channel, for scenarios that write frames of their own (floods). */
  Channel channel() {
    return ctx.channel();
  }

  /** Whether the server ended the connection in a way {@link Outcomes} counted. */
  boolean endedByServer() {
    return ended;
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
    closing = true;
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
      } else if (msg instanceof CloseWebSocketFrame close) {
        ended = true;
        int code = close.statusCode();
        stats.outcomes().closeFrame(code < 0 ? NO_STATUS : code);
        ctx.close();
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
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    listener.writabilityChanged(this);
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (!ended && !failed && !closing) {
      ended = true;
      stats.outcomes().closedWithoutCloseFrame();
    }
    listener.closed(this, open);
    open = false;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (ended || failed || closing) {
      return; // the rest of a failure already counted, or the generator's own close
    }
    if (cause instanceof WebSocketClientHandshakeException refusal
        && isServiceUnavailable(refusal.response())) {
      ended = true;
      stats.outcomes().refused(refusal.response().headers().contains(HttpHeaderNames.RETRY_AFTER));
      ctx.close();
    } else if (cause instanceof IOException) {
      // reset by the server, or a write into a connection it already closed
      ended = true;
      stats.outcomes().reset();
      ctx.close();
    } else {
      fail(cause);
    }
  }

  private static boolean isServiceUnavailable(HttpResponse response) {
    return response != null
        && response.status().code() == HttpResponseStatus.SERVICE_UNAVAILABLE.code();
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
