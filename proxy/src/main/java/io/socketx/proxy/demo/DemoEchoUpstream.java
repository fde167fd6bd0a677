package io.socketx.proxy.demo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.socketx.proxy.Transport;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * An in-process WebSocket echo server on 127.0.0.1 for {@code --demo}: every message comes back.
 */
public final class DemoEchoUpstream implements AutoCloseable {
  private static final int MAX_MESSAGE = 16 * 1024 * 1024;

  private final EventLoopGroup group;
  private final Channel channel;

  private DemoEchoUpstream(EventLoopGroup group, Channel channel) {
    this.group = group;
    this.channel = channel;
  }

  /** Starts on an ephemeral loopback port. */
  public static DemoEchoUpstream start() throws InterruptedException {
    return start("");
  }

  /**
   * Starts on an ephemeral loopback port, answering each text message with {@code prefix + message}
   * (binary messages come back unchanged), so that a client can tell upstreams apart.
   */
  public static DemoEchoUpstream start(String prefix) throws InterruptedException {
    Transport transport = Transport.best();
    EventLoopGroup group = transport.newGroup(1);
    Channel channel =
        new ServerBootstrap()
            .group(group)
            .channel(transport.serverChannel())
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(16 * 1024))
                        .addLast(
                            new WebSocketServerProtocolHandler(
                                "/", null, false, MAX_MESSAGE, false, true))
                        .addLast(new WebSocketFrameAggregator(MAX_MESSAGE))
                        .addLast(new Echo(prefix));
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .sync()
            .channel();
    return new DemoEchoUpstream(group, channel);
  }

  /** The {@code ws://} URL to route to. */
  public URI uri() {
    return URI.create("ws://127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort());
  }

  @Override
  public void close() {
    channel.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  private static final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final String prefix;

    Echo(String prefix) {
      this.prefix = prefix;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      if (frame instanceof TextWebSocketFrame text && !prefix.isEmpty()) {
        ctx.writeAndFlush(new TextWebSocketFrame(prefix + text.text()));
      } else if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
        ctx.writeAndFlush(frame.retain());
      }
    }
  }
}
