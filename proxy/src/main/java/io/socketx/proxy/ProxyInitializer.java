package io.socketx.proxy;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.socketx.protocol.ProtocolConstants;
import io.socketx.protocol.v2.Wire;
import io.socketx.proxy.admission.TokenBucket;
import io.socketx.proxy.config.ProxyConfig;
import io.socketx.proxy.http.HttpRequestHandler;
import io.socketx.proxy.http.IdleHttpCloser;
import io.socketx.proxy.relay.ClientRelayHandler;
import io.socketx.proxy.relay.CloseCodes;
import io.socketx.proxy.relay.Connection;
import io.socketx.proxy.relay.KeepaliveHandler;
import io.socketx.proxy.relay.OutboundLimitHandler;
import io.socketx.proxy.relay.PingResponder;
import io.socketx.proxy.relay.QueuedBytesTracker;
import io.socketx.proxy.relay.SocketxHandshakeHandler;
import io.socketx.proxy.relay.WriteStallHandler;
import io.socketx.proxy.tls.ServerTls;
import java.time.Duration;

/** Assembles the client leg's pipeline; it holds no logic of its own. */
public final class ProxyInitializer extends ChannelInitializer<SocketChannel> {
  /** Largest HTTP request (the upgrade or an endpoint call) the proxy reads. */
  static final int MAX_HTTP_REQUEST = 16 * 1024;

  /**
   * An HTTP connection (before any WebSocket upgrade) that sends nothing for this long is closed.
   */
  static final Duration HTTP_IDLE_TIMEOUT = Duration.ofSeconds(75);

  /** Room for the record header and codec overhead on top of {@code MAX_MESSAGE_SIZE}. */
  static final int RECORD_OVERHEAD = 256;

  private final ProxyContext context;
  private final ServerTls tls;

  public ProxyInitializer(ProxyContext context, ServerTls tls) {
    this.context = context;
    this.tls = tls;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ProxyConfig config = context.config();
    context.admission().connectionOpened();
    ch.closeFuture().addListener(f -> context.admission().connectionClosed());
    Connection connection = new Connection(ch, context);
    // Handshake records carry ML-KEM keys and may be larger than a small MAX_MESSAGE_SIZE.
    int maxRecord =
        Math.max(config.maxMessageSize() + RECORD_OVERHEAD, ProtocolConstants.MAX_HANDSHAKE_RECORD);
    ChannelPipeline p = ch.pipeline();
    // nearest the socket, so it sees every write whichever handler makes it
    p.addLast(
        HandlerNames.QUEUED_BYTES,
        new QueuedBytesTracker(connection, context.admission().outboundMemory()));
    if (tls != null) {
      p.addLast(HandlerNames.TLS, tls.newHandler(ch.alloc()));
    }
    p.addLast(HandlerNames.HTTP_CODEC, new HttpServerCodec());
    p.addLast(HandlerNames.HTTP_IDLE, new IdleHttpCloser(HTTP_IDLE_TIMEOUT));
    p.addLast(HandlerNames.HTTP_AGGREGATOR, new HttpObjectAggregator(MAX_HTTP_REQUEST));
    p.addLast(HandlerNames.HTTP_REQUEST, new HttpRequestHandler(context, connection));
    p.addLast(HandlerNames.OUTBOUND_LIMIT, new OutboundLimitHandler(connection));
    // before Netty's protocol handler, which would answer every ping
    p.addLast(HandlerNames.PING_RESPONDER, pingResponder(config, connection));
    p.addLast(
        HandlerNames.WS_PROTOCOL,
        new WebSocketServerProtocolHandler(
            WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)
                .subprotocols(Wire.SUBPROTOCOL)
                .handleCloseFrames(false)
                // Connection sends every close frame: one per error, audited as sent (Netty's
                // own would add a "1000 Bye" whenever the channel closes)
                .sendCloseFrame(null)
                .dropPongFrames(false)
                .handshakeTimeoutMillis(config.handshakeTimeout().toMillis())
                .decoderConfig(
                    WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(maxRecord)
                        .allowExtensions(false)
                        // clients may only send binary records (a text frame is TEXT_FRAME,
                        // whatever it holds): checking text as UTF-8 would only cost a handler
                        .withUTF8Validator(false)
                        // the decoder reports the violation; Connection answers it
                        .closeOnProtocolViolation(false)
                        .build())
                .build()));
    p.addLast(HandlerNames.WS_AGGREGATOR, new WebSocketFrameAggregator(maxRecord));
    if (!config.writeTimeout().isZero()) {
      p.addLast(HandlerNames.WRITE_TIMEOUT, new WriteStallHandler(config.writeTimeout()));
    }
    p.addLast(
        HandlerNames.KEEPALIVE,
        new KeepaliveHandler(
            config.clientPingInterval(),
            config.clientPongTimeout(),
            connection::clientReadsPaused,
            () ->
                connection.fail(
                    CloseCodes.GOING_AWAY,
                    "client pong timeout",
                    CloseCodes.GOING_AWAY,
                    "client pong timeout")));
    p.addLast(HandlerNames.SOCKETX_HANDSHAKE, new SocketxHandshakeHandler(connection));
    p.addLast(HandlerNames.CLIENT_RELAY, new ClientRelayHandler(connection));
  }

  /** The client leg's ping responder, with CLIENT_PING_RATE_LIMIT's budget unless that is 0. */
  private PingResponder pingResponder(ProxyConfig config, Connection connection) {
    int rate = config.clientPingRateLimit();
    if (rate == 0) {
      return new PingResponder();
    }
    return new PingResponder(
        new TokenBucket(rate, 2 * rate, context.nanoTicker()),
        () -> {
          context.metrics().pingRateExceeded();
          connection.fail(CloseCodes.POLICY_VIOLATION, "ping rate exceeded");
        });
  }
}
