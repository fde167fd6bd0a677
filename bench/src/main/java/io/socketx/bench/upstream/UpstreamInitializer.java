package io.socketx.bench.upstream;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.socketx.protocol.v2.IdentityKey;
import io.socketx.protocol.v2.IdentityKeys;
import io.socketx.protocol.v2.ServerSettings;
import io.socketx.protocol.v2.Wire;
import java.security.SecureRandom;

/** Assembles the upstream's pipeline: HTTP upgrade on any path, then echo or SocketX echo. */
final class UpstreamInitializer extends ChannelInitializer<SocketChannel> {
  static final int MAX_MESSAGE = 16 * 1024 * 1024;

  private final UpstreamOptions options;
  private final SslContext ssl;
  private final EchoHandler.Counter counter;
  private final EchoHandler echo;
  private final SecureRandom random = new SecureRandom();

  /** The identity the SocketX endpoint signs with: a fresh key per process (clients don't pin). */
  private static final IdentityKeys IDENTITY =
      IdentityKeys.of(IdentityKey.generate(new SecureRandom()));

  UpstreamInitializer(UpstreamOptions options, SslContext ssl, EchoHandler.Counter counter) {
    this.options = options;
    this.ssl = ssl;
    this.counter = counter;
    this.echo = new EchoHandler(options.behaviour(), counter);
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    boolean socketx = options.protocol() == UpstreamOptions.Protocol.SOCKETX;
    ChannelPipeline p = ch.pipeline();
    if (ssl != null) {
      p.addLast("tls", ssl.newHandler(ch.alloc()));
    }
    p.addLast("http-codec", new HttpServerCodec());
    p.addLast("http-aggregator", new HttpObjectAggregator(64 * 1024));
    p.addLast(
        "ws-protocol",
        new WebSocketServerProtocolHandler(
            WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)
                .subprotocols(socketx ? Wire.SUBPROTOCOL : null)
                .decoderConfig(
                    WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(MAX_MESSAGE)
                        .allowExtensions(false)
                        .build())
                .build()));
    p.addLast("ws-aggregator", new WebSocketFrameAggregator(MAX_MESSAGE));
    if (socketx) {
      p.addLast(
          "socketx-echo",
          new SocketxEchoHandler(
              ServerSettings.of(options.minimumSuite(), IDENTITY),
              random,
              options.behaviour(),
              counter));
    } else {
      p.addLast("echo", echo);
    }
  }
}
