package io.socketx.proxy.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for {@code wss://} upstreams: the JDK's trusted CAs plus the PEM bundle in {@code
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
        builder.trustManager(trustWith(caFile.get()));
      }
      builder.endpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : null);
      return new UpstreamTls(builder.build());
    } catch (SSLException | IllegalArgumentException e) {
      throw new IOException("cannot build upstream TLS context: " + e.getMessage(), e);
    }
  }

  /** The JDK's trusted CAs plus the certificates of a PEM bundle. */
  private static TrustManagerFactory trustWith(Path pemBundle) throws IOException {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      TrustManagerFactory jdk =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      jdk.init((KeyStore) null);
      int n = 0;
      for (TrustManager tm : jdk.getTrustManagers()) {
        if (tm instanceof X509TrustManager x509) {
          for (X509Certificate ca : x509.getAcceptedIssuers()) {
            store.setCertificateEntry("jdk-" + n++, ca);
          }
        }
      }
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      Collection<? extends Certificate> extra;
      try (InputStream in = Files.newInputStream(pemBundle)) {
        extra = factory.generateCertificates(in);
      }
      if (extra.isEmpty()) {
        throw new IOException("no certificate in " + pemBundle);
      }
      for (Certificate ca : extra) {
        store.setCertificateEntry("extra-" + n++, ca);
      }
      TrustManagerFactory combined =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      combined.init(store);
      return combined;
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "cannot read CA certificates from " + pemBundle + ": " + e.getMessage(), e);
    }
  }

  /** A handler for a connection to {@code host:port}; the host is sent as SNI and verified. */
  public SslHandler newHandler(ByteBufAllocator alloc, String host, int port) {
    return context.newHandler(alloc, host, port);
  }
}
