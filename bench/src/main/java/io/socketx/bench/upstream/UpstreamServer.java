package io.socketx.bench.upstream;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.socketx.bench.Transport;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/** The echo/sink WebSocket server the load generator talks to, directly or through a proxy. */
public final class UpstreamServer implements AutoCloseable {
  private final UpstreamOptions options;
  private final Transport transport = Transport.detect();
  private final EchoHandler.Counter counter = new EchoHandler.Counter();
  private EventLoopGroup group;
  private Channel listener;

  public UpstreamServer(UpstreamOptions options) {
    this.options = options;
  }

  /**
   * Binds the listener and returns this.
   *
   * @throws SSLException when the TLS certificate or key cannot be used
   */
  public UpstreamServer start() throws InterruptedException, SSLException {
    SslContext ssl =
        options.tlsCert() == null
            ? null
            : SslContextBuilder.forServer(options.tlsCert().toFile(), options.tlsKey().toFile())
                .build();
    group = transport.group(options.threads());
    listener =
        new ServerBootstrap()
            .group(group)
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 4096)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new UpstreamInitializer(options, ssl, counter))
            .bind(new InetSocketAddress(options.host(), options.port()))
            .sync()
            .channel();
    return this;
  }

  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** Messages received so far (echoed or swallowed). */
  public long messages() {
    return counter.messages();
  }

  public String transportName() {
    return transport.name();
  }

  @Override
  public void close() {
    if (listener != null) {
      listener.close().syncUninterruptibly();
    }
    if (group != null) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
