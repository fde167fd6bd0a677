package io.socketx.proxy.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * TLS for {@code wss://} upstreams: the JDK's trusted CAs or the PEM bundle in {@code
 * UPSTREAM_CA_FILE}, with hostname verification unless {@code UPSTREAM_TLS_VERIFY_HOSTNAME=false}.
 */
public final class UpstreamTls {
  private final SslContext context;

  private UpstreamTls(SslContext context) {
    this.context = context;
  }

  /**
   * Builds the client context.
   *
   * @throws IOException when the CA file cannot be read
   */
  public static UpstreamTls create(Optional<Path> caFile, boolean verifyHostname)
      throws IOException {
    try {
      SslContextBuilder builder = SslContextBuilder.forClient();
      if (caFile.isPresent()) {
        builder.trustManager(caFile.get().toFile());
      }
      builder.endpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : null);
      return new UpstreamTls(builder.build());
    } catch (SSLException | IllegalArgumentException e) {
      throw new IOException("cannot build upstream TLS context: " + e.getMessage(), e);
    }
  }

  /** A handler for a connection to {@code host:port}; the host is sent as SNI and verified. */
  public SslHandler newHandler(ByteBufAllocator alloc, String host, int port) {
    return context.newHandler(alloc, host, port);
  }
}
