package io.socketx.bench.load;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.socketx.protocol.v2.Wire;

/** Assembles a generator connection's pipeline: [TLS], HTTP upgrade, WebSocket, the connection. */
final class ClientInitializer extends ChannelInitializer<SocketChannel> {
  private final LoadOptions options;
  private final SslContext ssl;
  private final String host;
  private final int port;
  private final BenchConnection connection;

  ClientInitializer(
      LoadOptions options, SslContext ssl, String host, int port, BenchConnection connection) {
    this.options = options;
    this.ssl = ssl;
    this.host = host;
    this.port = port;
    this.connection = connection;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    int maxFrame = Math.max(64 * 1024, options.size() * 2 + 1024);
    ChannelPipeline p = ch.pipeline();
    if (ssl != null) {
      p.addLast("tls", ssl.newHandler(ch.alloc(), host, port));
    }
    p.addLast("http-codec", new HttpClientCodec());
    p.addLast("http-aggregator", new HttpObjectAggregator(64 * 1024));
    p.addLast(
        "ws-protocol",
        new WebSocketClientProtocolHandler(
            WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(options.url())
                .version(WebSocketVersion.V13)
                .subprotocol(options.mode() == LoadOptions.Mode.SOCKETX ? Wire.SUBPROTOCOL : null)
                .allowExtensions(false)
                .maxFramePayloadLength(maxFrame)
                .handleCloseFrames(false) // BenchConnection counts their codes
                .dropPongFrames(true)
                .handshakeTimeoutMillis(10_000)
                .build()));
    p.addLast("ws-aggregator", new WebSocketFrameAggregator(maxFrame));
    p.addLast("bench", connection);
  }
}
