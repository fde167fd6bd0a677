package io.socketx.proxy.it;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/** A real WebSocket upstream on 127.0.0.1 (ws, or wss with a test CA) that records everything. */
final class TestUpstream implements AutoCloseable {
  /** A message the upstream received. */
  record Received(boolean text, byte[] data) {
    String string() {
      return new String(data, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** A close frame the upstream received. */
  record Closed(int code, String reason) {}

  final BlockingQueue<Channel> connections = new LinkedBlockingQueue<>();
  final BlockingQueue<WebSocketServerProtocolHandler.HandshakeComplete> handshakes =
      new LinkedBlockingQueue<>();
  final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  final BlockingQueue<Closed> closes = new LinkedBlockingQueue<>();
  volatile boolean echo = true;

  /** Whether received messages are kept in {@link #received}; they are always counted. */
  volatile boolean keep = true;

  final AtomicLong receivedBytes = new AtomicLong();
  final AtomicLong receivedMessages = new AtomicLong();
  volatile boolean answerPings = true;

  /** While set and not complete, upgrade requests wait for it: the proxy's upstream is "slow". */
  volatile CompletableFuture<Void> admitUpgrades;

  /** Upgrade requests that arrived (admitted or waiting). */
  final AtomicLong upgradeRequests = new AtomicLong();

  /** When set, sent to every new connection as soon as its WebSocket is open. */
  volatile String greeting;

  private final Channel server;

  TestUpstream(EventLoopGroup group, SslContext tls, int maxMessage) throws InterruptedException {
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    if (tls != null) {
                      ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                    }
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(16 * 1024))
                        .addLast(new PingFilter())
                        .addLast(new UpgradeGate())
                        .addLast(
                            new WebSocketServerProtocolHandler(
                                WebSocketServerProtocolConfig.newBuilder()
                                    .websocketPath("/")
                                    .checkStartsWith(true)
                                    .handleCloseFrames(false)
                                    .maxFramePayloadLength(maxMessage)
                                    .build()))
                        .addLast(new WebSocketFrameAggregator(maxMessage))
                        .addLast(new Recorder());
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .sync()
            .channel();
  }

  int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  String url(String scheme) {
    return scheme + "://127.0.0.1:" + port();
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    connections.forEach(Channel::close);
  }

  /** Holds upgrade requests until {@link #admitUpgrades} completes. */
  private final class UpgradeGate extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      CompletableFuture<Void> admit = admitUpgrades;
      if (msg instanceof io.netty.handler.codec.http.FullHttpRequest) {
        upgradeRequests.incrementAndGet();
        if (admit != null && !admit.isDone()) {
          admit.thenRun(() -> ctx.executor().execute(() -> ctx.fireChannelRead(msg)));
          return;
        }
      }
      ctx.fireChannelRead(msg);
    }
  }

  /** Drops pings while {@link #answerPings} is off, so the proxy's pong timeout fires. */
  private final class PingFilter extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!answerPings
          && msg instanceof io.netty.handler.codec.http.websocketx.PingWebSocketFrame) {
        ReferenceCountUtil.release(msg);
        return;
      }
      ctx.fireChannelRead(msg);
    }
  }

  private final class Recorder extends ChannelInboundHandlerAdapter {

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete hc) {
        handshakes.add(hc);
        connections.add(ctx.channel());
        String hello = greeting;
        if (hello != null) {
          ctx.writeAndFlush(new TextWebSocketFrame(hello));
        }
      }
      ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof CloseWebSocketFrame close) {
          closes.add(new Closed(close.statusCode(), close.reasonText()));
          ctx.writeAndFlush(close.retainedDuplicate()).addListener(f -> ctx.close());
        } else if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
          WebSocketFrame frame = (WebSocketFrame) msg;
          receivedBytes.addAndGet(frame.content().readableBytes());
          receivedMessages.incrementAndGet();
          if (keep) {
            received.add(
                new Received(
                    frame instanceof TextWebSocketFrame, ByteBufUtil.getBytes(frame.content())));
          }
          if (echo) {
            ctx.writeAndFlush(frame.retainedDuplicate());
          }
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }
  }
}
