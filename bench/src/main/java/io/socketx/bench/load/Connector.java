package io.socketx.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.socketx.bench.Transport;
import java.net.InetSocketAddress;
import java.util.Arrays;
import javax.net.ssl.SSLException;

/**
 * Opens load-generator connections to the run's URL, optionally from a chosen 127.0.0.x source
 * address, each with its own {@link BenchConnection} at the end of the pipeline.
 */
final class Connector {
  private final LoadOptions options;
  private final Bootstrap bootstrap;
  private final SslContext ssl;
  private final InetSocketAddress remote;

  Connector(LoadOptions options, EventLoopGroup group, Transport transport) throws SSLException {
    this.options = options;
    this.ssl = options.secure() ? sslContext(options.tlsCiphers()) : null;
    this.remote = new InetSocketAddress(options.url().getHost(), options.port());
    this.bootstrap =
        new Bootstrap()
            .group(group)
            .channel(transport.socketChannel())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
    if (options.receiveBuffer() > 0) {
      // before connect, so the window the server sees is small from the start
      bootstrap.option(ChannelOption.SO_RCVBUF, options.receiveBuffer());
    }
  }

  /**
   * Connects {@code connection} from the {@code sourceIndex}-th source address; from whatever the
   * kernel picks when the run uses only the default 127.0.0.1.
   */
  ChannelFuture connect(BenchConnection connection, int sourceIndex) {
    Bootstrap b =
        bootstrap
            .clone()
            .handler(
                new ClientInitializer(
                    options, ssl, remote.getHostString(), remote.getPort(), connection));
    if (options.sourceAddresses() == 1 && options.firstSourceAddress() == 1) {
      return b.connect(remote);
    }
    return b.connect(remote, new InetSocketAddress(options.sourceAddress(sourceIndex), 0));
  }

  /** BoringSSL when its native library loads, else the JDK's TLS. */
  static SslProvider provider() {
    return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
  }

  private static SslContext sslContext(String ciphers) throws SSLException {
    // The baselines use self-signed certificates: the generator measures, it does not authenticate.
    SslContextBuilder builder =
        SslContextBuilder.forClient()
            .trustManager(InsecureTrustManagerFactory.INSTANCE)
            .sslProvider(provider())
            .endpointIdentificationAlgorithm(null)
            .protocols("TLSv1.3");
    // BoringSSL fixes its TLS 1.3 suites; the server's configuration decides there
    if (ciphers != null && provider() == SslProvider.JDK) {
      builder.ciphers(Arrays.asList(ciphers.split(",")));
    }
    return builder.build();
  }
}
