package io.socketx.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolConstants;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.Suite;
import io.socketx.protocol.v2.ClientSession;
import io.socketx.protocol.v2.ClientSettings;
import io.socketx.protocol.v2.CloseNotice;
import io.socketx.protocol.v2.Event;
import io.socketx.protocol.v2.KeyLimits;
import io.socketx.protocol.v2.Pins;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw Netty WebSocket client for the proxy: it can run the SocketX v2 handshake with the
 * protocol's {@link ClientSession}, pinning the test identity key, or send any frame at all
 * (malformed records, text frames, replays).
 */
final class TestClient implements AutoCloseable {
  static final long WAIT_SECONDS = ProxyTestSupport.CEILING.toSeconds();

  /** A close frame the client received. */
  record Closed(int code, String reason) {}

  /** How to connect. */
  static final class Options {
    String host;
    String origin;
    String path = "/";
    SslContext tls;
    boolean answerPings = true;
    boolean autoRead = true;
    int receiveBuffer;
    String subprotocol;
    String source = "127.0.0.1";

    /** The local address to connect from: another loopback address is another source. */
    Options source(String v) {
      source = v;
      return this;
    }

    Options subprotocol(String v) {
      subprotocol = v;
      return this;
    }

    Options host(String v) {
      host = v;
      return this;
    }

    Options origin(String v) {
      origin = v;
      return this;
    }

    Options tls(SslContext v) {
      tls = v;
      return this;
    }

    Options answerPings(boolean v) {
      answerPings = v;
      return this;
    }

    Options autoRead(boolean v) {
      autoRead = v;
      return this;
    }

    /** A fixed socket receive buffer (no kernel auto-tuning), so a slow reader is really slow. */
    Options receiveBuffer(int bytes) {
      receiveBuffer = bytes;
      return this;
    }
  }

  final BlockingQueue<WebSocketFrame> frames = new LinkedBlockingQueue<>();
  final CompletableFuture<Closed> closed = new CompletableFuture<>();
  final CompletableFuture<Void> upgraded = new CompletableFuture<>();
  final AtomicInteger pings = new AtomicInteger();
  final AtomicInteger pongs = new AtomicInteger();
  final AtomicInteger closeFrames = new AtomicInteger();
  final CompletableFuture<Void> disconnected = new CompletableFuture<>();
  final Channel channel;
  ClientSession session;

  private TestClient(EventLoopGroup group, int port, Options o) throws InterruptedException {
    String scheme = o.tls == null ? "ws" : "wss";
    URI uri = URI.create(scheme + "://127.0.0.1:" + port + o.path);
    HttpHeaders headers = new DefaultHttpHeaders();
    if (o.host != null) {
      headers.set(HttpHeaderNames.HOST, o.host);
    }
    if (o.origin != null) {
      headers.set(HttpHeaderNames.ORIGIN, o.origin);
    }
    Bootstrap bootstrap =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.AUTO_READ, o.autoRead);
    if (o.receiveBuffer > 0) {
      bootstrap.option(ChannelOption.SO_RCVBUF, o.receiveBuffer);
    }
    channel =
        bootstrap
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    if (o.tls != null) {
                      ch.pipeline().addLast(o.tls.newHandler(ch.alloc(), "127.0.0.1", port));
                    }
                    ch.pipeline()
                        .addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(65536));
                    ch.pipeline().addLast(new PingCounter(o.answerPings));
                    ch.pipeline()
                        .addLast(
                            new WebSocketClientProtocolHandler(
                                WebSocketClientProtocolConfig.newBuilder()
                                    .webSocketUri(uri)
                                    .subprotocol(o.subprotocol)
                                    .customHeaders(headers)
                                    .generateOriginHeader(false)
                                    .handleCloseFrames(false)
                                    // closing the channel drops the TCP connection without a frame
                                    .sendCloseFrame(null)
                                    .maxFramePayloadLength(64 * 1024 * 1024)
                                    .handshakeTimeoutMillis(WAIT_SECONDS * 1000)
                                    .build()))
                        .addLast(new WebSocketFrameAggregator(64 * 1024 * 1024))
                        .addLast(new Collector());
                  }
                })
            .connect(
                new java.net.InetSocketAddress("127.0.0.1", port),
                new java.net.InetSocketAddress(o.source, 0))
            .sync()
            .channel();
    if (!o.autoRead) {
      channel.read();
    }
  }

  /** Connects and waits for the WebSocket upgrade. */
  static TestClient open(EventLoopGroup group, int port, Options options) throws Exception {
    TestClient client = new TestClient(group, port, options);
    client.upgraded.get(WAIT_SECONDS, TimeUnit.SECONDS);
    return client;
  }

  /** Connects and returns the HTTP status of a refused upgrade. */
  static int refusedStatus(EventLoopGroup group, int port, Options options) throws Exception {
    TestClient client = new TestClient(group, port, options);
    try {
      client.upgraded.get(WAIT_SECONDS, TimeUnit.SECONDS);
      throw new AssertionError("upgrade was accepted");
    } catch (java.util.concurrent.ExecutionException e) {
      WebSocketClientHandshakeException refused = (WebSocketClientHandshakeException) e.getCause();
      return refused.response().status().code();
    } finally {
      client.close();
    }
  }

  /** The subprotocol the proxy selected in its 101 response, or null. */
  String selectedSubprotocol() {
    return channel
        .pipeline()
        .get(WebSocketClientProtocolHandler.class)
        .handshaker()
        .actualSubprotocol();
  }

  /** Runs the whole SocketX handshake for {@code pathname}; returns when the session is open. */
  TestClient handshake(String pathname) throws Exception {
    return handshake(pathname, Suite.X25519_MLKEM768);
  }

  TestClient handshake(String pathname, Suite suite) throws Exception {
    return handshake(
        new ClientSettings(
            suite,
            pathname,
            TestIdentity.PINS,
            ProtocolConstants.DEFAULT_DECODER_WINDOW,
            KeyLimits.PROTOCOL));
  }

  TestClient handshake(ClientSettings settings) throws Exception {
    established(settings);
    awaitUpstreamConnected();
    return this;
  }

  /**
   * Runs the handshake up to CLIENT_FINISHED (sent): the proxy now connects the upstream, and the
   * client may send early data.
   */
  Event.Established established(String pathname) throws Exception {
    return established(ClientSettings.of(Suite.X25519_MLKEM768, pathname, TestIdentity.PINS));
  }

  Event.Established established(ClientSettings settings) throws Exception {
    session = new ClientSession(settings, new SecureRandom());
    sendBinary(session.start());
    Event event = session.receive(ByteBuffer.wrap(nextBinary()));
    assertThat(event).isInstanceOf(Event.Established.class);
    Event.Established established = (Event.Established) event;
    sendBinary(established.clientFinished());
    return established;
  }

  /** Reads records until UPSTREAM_CONNECTED; anything else before it fails the test. */
  void awaitUpstreamConnected() throws Exception {
    Event event = session.receive(ByteBuffer.wrap(nextBinary()));
    assertThat(event).isInstanceOf(Event.UpstreamConnected.class);
  }

  /** Sends only CLIENT_HELLO, pinning {@code pins}; returns the proxy's SERVER_HELLO event. */
  Event hello(Pins pins) throws Exception {
    session =
        new ClientSession(ClientSettings.of(Suite.X25519_MLKEM768, "/", pins), new SecureRandom());
    sendBinary(session.start());
    return session.receive(ByteBuffer.wrap(nextBinary()));
  }

  /** Encodes and sends one application message (with a KEY_UPDATE before it when due). */
  void send(MessageType type, byte[] payload) throws ProtocolException {
    for (ByteBuffer record : session.encode(type, ByteBuffer.wrap(payload))) {
      sendBinary(record);
    }
  }

  void sendText(String text) throws ProtocolException {
    send(MessageType.TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The one PROXY_DATA record for {@code payload} (no key update is due in these tests). */
  ByteBuffer encode(MessageType type, byte[] payload) throws ProtocolException {
    List<ByteBuffer> records = session.encode(type, ByteBuffer.wrap(payload));
    assertThat(records).hasSize(1);
    return records.get(0);
  }

  void sendBinary(ByteBuffer record) {
    channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(record.duplicate())));
  }

  void sendRaw(WebSocketFrame frame) {
    channel.writeAndFlush(frame);
  }

  /** Ends the session with an authenticated CLOSE record, then the close frame. */
  void closeWith(int code, String reason) throws ProtocolException {
    CloseNotice notice = new CloseNotice(CloseNotice.Origin.SOCKETX, code, reason);
    sendBinary(session.close(notice));
    sendRaw(new CloseWebSocketFrame(notice.transportCode(), reason));
  }

  /** Receives and decodes the next application message, skipping key updates. */
  Event.Data receive() throws Exception {
    while (true) {
      Event event = session.receive(ByteBuffer.wrap(nextBinary()));
      if (event instanceof Event.KeyUpdated) {
        continue;
      }
      assertThat(event).isInstanceOf(Event.Data.class);
      return (Event.Data) event;
    }
  }

  /** Reads records until the proxy's authenticated CLOSE; data before it fails the test. */
  CloseNotice awaitCloseRecord() throws Exception {
    while (true) {
      Event event = session.receive(ByteBuffer.wrap(nextBinary()));
      if (event instanceof Event.KeyUpdated) {
        continue;
      }
      assertThat(event).isInstanceOf(Event.Closed.class);
      return ((Event.Closed) event).notice();
    }
  }

  String receiveText() throws Exception {
    Event.Data data = receive();
    assertThat(data.type()).isEqualTo(MessageType.TEXT);
    return StandardCharsets.UTF_8.decode(data.payload()).toString();
  }

  byte[] nextBinary() throws Exception {
    WebSocketFrame frame = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    if (frame == null) {
      throw new AssertionError(
          "no frame within " + WAIT_SECONDS + " s; closed: " + closed.getNow(null));
    }
    try {
      assertThat(frame).isInstanceOf(BinaryWebSocketFrame.class);
      return ByteBufUtil.getBytes(frame.content());
    } finally {
      frame.release();
    }
  }

  /** Waits for the proxy's close frame. */
  Closed awaitClose() throws Exception {
    return closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Round-trips one text message through an echo upstream. */
  void assertEchoes(String text) throws Exception {
    sendText(text);
    assertThat(receiveText()).isEqualTo(text);
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    WebSocketFrame f;
    while ((f = frames.poll()) != null) {
      f.release();
    }
  }

  private final class Collector extends ChannelDuplexHandler {
    private boolean closeSent;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (msg instanceof CloseWebSocketFrame) {
        closeSent = true;
      }
      ctx.write(msg, promise);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        upgraded.complete(null);
      }
      ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof CloseWebSocketFrame close) {
        closeFrames.incrementAndGet();
        closed.complete(new Closed(close.statusCode(), close.reasonText()));
        close.release();
        if (!closeSent) {
          // like every client (RFC 6455 section 5.5.1): answer, then let the server close TCP
          ctx.writeAndFlush(new CloseWebSocketFrame());
        }
      } else if (msg instanceof BinaryWebSocketFrame || msg instanceof TextWebSocketFrame) {
        frames.add((WebSocketFrame) msg);
      } else {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      upgraded.completeExceptionally(cause);
      ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      upgraded.completeExceptionally(new java.io.IOException("connection closed"));
      closed.complete(new Closed(-1, "connection closed without close frame"));
      disconnected.complete(null);
      ctx.fireChannelInactive();
    }
  }

  /** Counts the pings that arrive and drops them unless they are to be answered. */
  private final class PingCounter extends ChannelInboundHandlerAdapter {
    private final boolean answer;

    PingCounter(boolean answer) {
      this.answer = answer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof PongWebSocketFrame) {
        pongs.incrementAndGet();
      }
      if (msg instanceof PingWebSocketFrame ping) {
        pings.incrementAndGet();
        if (!answer) {
          ping.release(); // the proxy's pong timeout fires
          return;
        }
      }
      ctx.fireChannelRead(msg);
    }
  }
}
