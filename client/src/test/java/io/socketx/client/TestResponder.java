package io.socketx.client;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.Suite;
import io.socketx.protocol.v2.CloseNotice;
import io.socketx.protocol.v2.Event;
import io.socketx.protocol.v2.Fingerprint;
import io.socketx.protocol.v2.IdentityKey;
import io.socketx.protocol.v2.IdentityKeys;
import io.socketx.protocol.v2.ServerSession;
import io.socketx.protocol.v2.ServerSettings;
import io.socketx.protocol.v2.Wire;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal SocketX v2 server on 127.0.0.1 for client tests, holding {@link #KEYS}: echoes, or
 * misbehaves on purpose.
 */
final class TestResponder implements AutoCloseable {
  /** The responder's identity key. */
  static final IdentityKeys KEYS = IdentityKeys.of(IdentityKey.generate(new SecureRandom()));

  /** The fingerprint a client pins to accept the responder. */
  static final Fingerprint PIN = KEYS.fingerprints().get(0);

  /** How the responder treats a session. */
  enum Mode {
    /** Answers the handshake and echoes every message. */
    ECHO,
    /** Never answers CLIENT_HELLO. */
    SILENT,
    /** Answers CLIENT_HELLO with a record whose magic is wrong. */
    GARBAGE,
    /** Closes with an authenticated 1014 instead of connecting an upstream. */
    UPSTREAM_DOWN,
    /** Echoes the first message, then closes the WebSocket without a CLOSE record. */
    TRUNCATE,
    /** Echoes the first message, then forwards an upstream close 4001 "bye". */
    UPSTREAM_CLOSES
  }

  final Map<String, String> lastHeaders = new ConcurrentHashMap<>();
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;
  private final Suite minimum;
  private final Mode mode;
  private final String rejectedOrigin;

  TestResponder(Suite minimum, Mode mode, String rejectedOrigin, SslContext ssl)
      throws InterruptedException {
    this.minimum = minimum;
    this.mode = mode;
    this.rejectedOrigin = rejectedOrigin;
    this.server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    if (ssl != null) {
                      ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                    }
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(65_536))
                        .addLast(new UpgradeGate())
                        .addLast(
                            new WebSocketServerProtocolHandler(
                                WebSocketServerProtocolConfig.newBuilder()
                                    .websocketPath("/")
                                    .checkStartsWith(true)
                                    .subprotocols(Wire.SUBPROTOCOL)
                                    .maxFramePayloadLength(1 << 20)
                                    .build()))
                        .addLast(new WebSocketFrameAggregator(1 << 24))
                        .addLast(new Session());
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .sync()
            .channel();
  }

  TestResponder(Suite minimum, Mode mode) throws InterruptedException {
    this(minimum, mode, null, null);
  }

  int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Records the upgrade's headers and refuses the configured origin with 403. */
  private final class UpgradeGate extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof FullHttpRequest request) {
        request.headers().forEach(h -> lastHeaders.put(h.getKey().toLowerCase(), h.getValue()));
        lastHeaders.put(":upgrade-uri", request.uri());
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (rejectedOrigin != null && rejectedOrigin.equals(origin)) {
          request.release();
          ctx.writeAndFlush(
                  new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FORBIDDEN))
              .addListener(ChannelFutureListener.CLOSE);
          return;
        }
      }
      ctx.fireChannelRead(msg);
    }
  }

  /** Runs one server session per connection. */
  private final class Session extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final ServerSession session =
        new ServerSession(ServerSettings.of(minimum, KEYS), new SecureRandom());

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      if (!(frame instanceof BinaryWebSocketFrame)) {
        return;
      }
      if (mode == Mode.SILENT) {
        return;
      }
      if (mode == Mode.GARBAGE) {
        ctx.writeAndFlush(
            new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})));
        return;
      }
      ByteBuf content = frame.content();
      ByteBuffer record = ByteBuffer.allocate(content.readableBytes());
      content.getBytes(content.readerIndex(), record);
      record.flip();
      try {
        Event event = session.receive(record);
        if (event instanceof Event.Reply reply) {
          send(ctx, reply.record());
        } else if (event instanceof Event.UpstreamRequested requested) {
          lastHeaders.put(":pathname", requested.pathname());
          if (mode == Mode.UPSTREAM_DOWN) {
            CloseNotice down =
                new CloseNotice(CloseNotice.Origin.SOCKETX, 1014, "upstream unavailable");
            send(ctx, session.close(down));
            ctx.writeAndFlush(new CloseWebSocketFrame(1014, "upstream unavailable"))
                .addListener(ChannelFutureListener.CLOSE);
            return;
          }
          ServerSession.UpstreamReady ready = session.upstreamConnected();
          send(ctx, ready.upstreamConnected());
          for (Event.Data early : ready.earlyData()) {
            echo(ctx, early);
          }
        } else if (event instanceof Event.Data data) {
          echo(ctx, data);
        }
      } catch (ProtocolException e) {
        ctx.writeAndFlush(new CloseWebSocketFrame(e.error().closeCode(), e.error().reason()))
            .addListener(ChannelFutureListener.CLOSE);
      }
    }

    private void echo(ChannelHandlerContext ctx, Event.Data data) throws ProtocolException {
      for (ByteBuffer r : session.encode(data.type(), data.payload())) {
        send(ctx, r);
      }
      if (mode == Mode.TRUNCATE) {
        // a cut-off session: an attacker can inject this unauthenticated close frame
        ctx.writeAndFlush(new CloseWebSocketFrame(1000, ""))
            .addListener(ChannelFutureListener.CLOSE);
      } else if (mode == Mode.UPSTREAM_CLOSES) {
        send(ctx, session.close(CloseNotice.upstream(4001, "bye")));
        ctx.writeAndFlush(new CloseWebSocketFrame(1000, ""))
            .addListener(ChannelFutureListener.CLOSE);
      }
    }

    private void send(ChannelHandlerContext ctx, ByteBuffer record) {
      ctx.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(record)));
    }
  }
}
