package io.socketx.proxy.relay;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.socketx.proxy.HandlerNames;
import io.socketx.proxy.ProxyContext;
import io.socketx.proxy.config.ProxyConfig;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Opens the upstream leg on the client channel's event loop (so both legs share one thread) and
 * completes once the upstream WebSocket handshake finished.
 */
final class UpstreamConnector {
  private static final int HANDSHAKE_RESPONSE_LIMIT = 16 * 1024;

  private UpstreamConnector() {}

  static Future<Channel> connect(Connection connection, URI uri) {
    Channel client = connection.client();
    ProxyContext context = connection.context();
    ProxyConfig config = context.config();
    Promise<Channel> connected = client.eventLoop().newPromise();
    boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
    String host = uri.getHost();
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    Bootstrap bootstrap =
        new Bootstrap()
            .group(client.eventLoop())
            .channel(context.transport().socketChannel())
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) config.upstreamConnectTimeout().toMillis())
            .option(
                ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(config.writeBufferSize() / 2, config.writeBufferSize()))
            .handler(new Initializer(connection, uri, host, port, secure, connected));
    String name = host;
    context
        .resolver()
        .getResolver(client.eventLoop())
        .resolveAll(InetSocketAddress.createUnresolved(host, port))
        .addListener(
            (Future<List<InetSocketAddress>> resolved) -> {
              if (!resolved.isSuccess()) {
                connected.tryFailure(resolved.cause());
                return;
              }
              List<InetSocketAddress> addresses = resolved.getNow();
              Optional<String> refused = context.upstreamPolicy().refusal(name, addresses);
              if (refused.isPresent()) {
                connected.tryFailure(new UpstreamRefusedException(name, refused.get()));
                return;
              }
              // the checked address itself: no second lookup that could answer differently
              bootstrap
                  .connect(addresses.get(0))
                  .addListener(
                      f -> {
                        if (!f.isSuccess()) {
                          connected.tryFailure(f.cause());
                        }
                      });
            });
    return connected;
  }

  /** The close code for the client when the upstream could not be opened. */
  static int closeCode(Throwable cause) {
    return cause instanceof UpstreamRefusedException
        ? CloseCodes.UPSTREAM_FORBIDDEN
        : CloseCodes.BAD_GATEWAY;
  }

  /** The close reason for the client when the upstream could not be opened. */
  static String closeReason(Throwable cause) {
    return cause instanceof UpstreamRefusedException
        ? "upstream forbidden"
        : "upstream unavailable";
  }

  /** A short, stable label for why an upstream could not be opened (metrics tag). */
  static String failureReason(Throwable cause) {
    if (cause instanceof UpstreamRefusedException refused) {
      return refused.reason();
    }
    if (cause instanceof ConnectTimeoutException) {
      return "connect_timeout";
    }
    if (cause instanceof ConnectException) {
      return "connect_refused";
    }
    if (cause instanceof UnknownHostException) {
      return "unknown_host";
    }
    if (cause instanceof SslHandshakeTimeoutException || cause instanceof SSLException) {
      return "tls";
    }
    if (cause instanceof WebSocketClientHandshakeException) {
      return "websocket_handshake";
    }
    return "io";
  }

  /** Assembles the upstream pipeline. */
  private static final class Initializer extends ChannelInitializer<Channel> {
    private final Connection connection;
    private final URI uri;
    private final String host;
    private final int port;
    private final boolean secure;
    private final Promise<Channel> connected;

    Initializer(
        Connection connection,
        URI uri,
        String host,
        int port,
        boolean secure,
        Promise<Channel> connected) {
      this.connection = connection;
      this.uri = uri;
      this.host = host;
      this.port = port;
      this.secure = secure;
      this.connected = connected;
    }

    @Override
    protected void initChannel(Channel ch) {
      ProxyContext context = connection.context();
      ProxyConfig config = context.config();
      ChannelPipeline p = ch.pipeline();
      HttpHeaders forwarded = forwardedHeaders();
      p.addLast(
          HandlerNames.UPSTREAM_QUEUED_BYTES,
          new QueuedBytesTracker(connection, context.admission().outboundMemory()));
      if (secure) {
        p.addLast(
            HandlerNames.UPSTREAM_TLS, context.upstreamTls().newHandler(ch.alloc(), host, port));
      }
      p.addLast(HandlerNames.UPSTREAM_HTTP_CODEC, new HttpClientCodec());
      p.addLast(
          HandlerNames.UPSTREAM_HTTP_AGGREGATOR,
          new HttpObjectAggregator(HANDSHAKE_RESPONSE_LIMIT));
      p.addLast(HandlerNames.UPSTREAM_OUTBOUND_LIMIT, new OutboundLimitHandler(connection));
      p.addLast(HandlerNames.UPSTREAM_PING_RESPONDER, new PingResponder());
      p.addLast(
          HandlerNames.UPSTREAM_WS_PROTOCOL,
          new WebSocketClientProtocolHandler(
              WebSocketClientProtocolConfig.newBuilder()
                  .webSocketUri(uri)
                  .customHeaders(forwarded)
                  .maxFramePayloadLength(config.maxMessageSize())
                  .allowExtensions(false)
                  .handleCloseFrames(false)
                  .dropPongFrames(false)
                  .generateOriginHeader(false)
                  .handshakeTimeoutMillis(config.handshakeTimeout().toMillis())
                  .build()));
      p.addLast(
          HandlerNames.UPSTREAM_WS_AGGREGATOR,
          new WebSocketFrameAggregator(config.maxMessageSize()));
      if (!config.writeTimeout().isZero()) {
        p.addLast(
            HandlerNames.UPSTREAM_WRITE_TIMEOUT, new WriteStallHandler(config.writeTimeout()));
      }
      p.addLast(
          HandlerNames.UPSTREAM_KEEPALIVE,
          new KeepaliveHandler(
              config.upstreamPingInterval(),
              config.upstreamPongTimeout(),
              connection::upstreamReadsPaused,
              () ->
                  connection.fail(
                      CloseCodes.BAD_GATEWAY,
                      "upstream pong timeout",
                      CloseCodes.GOING_AWAY,
                      "pong timeout")));
      p.addLast(HandlerNames.UPSTREAM_RELAY, new UpstreamHandler(connection, connected));
    }

    private HttpHeaders forwardedHeaders() {
      HttpHeaders headers = new DefaultHttpHeaders();
      if (connection.client().remoteAddress() instanceof InetSocketAddress remote) {
        headers.set("X-Forwarded-For", remote.getAddress().getHostAddress());
      }
      ConnectionInfo info = connection.info();
      if (!info.host().isEmpty()) {
        headers.set("X-Forwarded-Host", info.host());
      }
      if (!info.origin().isEmpty()) {
        headers.set(HttpHeaderNames.ORIGIN, info.origin());
      }
      return headers;
    }
  }
}
