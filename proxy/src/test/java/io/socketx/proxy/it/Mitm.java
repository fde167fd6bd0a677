package io.socketx.proxy.it;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.Suite;
import io.socketx.protocol.v2.Event;
import io.socketx.protocol.v2.IdentityKey;
import io.socketx.protocol.v2.IdentityKeys;
import io.socketx.protocol.v2.ServerSession;
import io.socketx.protocol.v2.ServerSettings;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A man-in-the-middle on 127.0.0.1 that plays the proxy with the real protocol code but its own
 * identity key: it records every pathname and message a client reveals to it, then echoes.
 */
final class Mitm implements AutoCloseable {
  final IdentityKeys keys = IdentityKeys.of(IdentityKey.generate(new SecureRandom()));
  final List<String> pathnames = new CopyOnWriteArrayList<>();
  final List<String> handshakesStarted = new CopyOnWriteArrayList<>();
  private final Channel server;

  Mitm(EventLoopGroup group) throws InterruptedException {
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(65_536))
                        .addLast(new WebSocketServerProtocolHandler("/", null, false, 1 << 20))
                        .addLast(new Impostor());
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .sync()
            .channel();
  }

  int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
  }

  private final class Impostor extends SimpleChannelInboundHandler<BinaryWebSocketFrame> {
    private final ServerSession session =
        new ServerSession(ServerSettings.of(Suite.X25519, keys), new SecureRandom());

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, BinaryWebSocketFrame frame)
        throws ProtocolException {
      Event event = session.receive(ByteBuffer.wrap(ByteBufUtil.getBytes(frame.content())));
      if (event instanceof Event.Reply reply) {
        handshakesStarted.add(session.eeid());
        send(ctx, reply.record());
      } else if (event instanceof Event.UpstreamRequested requested) {
        pathnames.add(requested.pathname());
        send(ctx, session.upstreamConnected().upstreamConnected());
      } else if (event instanceof Event.Data data) {
        for (ByteBuffer r : session.encode(data.type(), data.payload())) {
          send(ctx, r);
        }
      }
    }

    private void send(ChannelHandlerContext ctx, ByteBuffer record) {
      ctx.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(record)));
    }
  }
}
