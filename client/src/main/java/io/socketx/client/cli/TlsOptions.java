package io.socketx.client.cli;

import io.socketx.protocol.v2.Fingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import picocli.CommandLine.Option;

/**
 * The options that decide which proxies {@code socketx-client} trusts: pinned identity keys (any
 * scheme) and, for {@code wss://}, the CA certificates; without a CA file the JDK's default trust
 * store decides.
 */
final class TlsOptions {
  @Option(
      names = "--pin",
      paramLabel = "FINGERPRINT",
      converter = ArgumentConverters.Pin.class,
      description =
          "Accept only a proxy holding this identity key (sha256:…, printed by 'socketx-proxy"
              + " keygen'); repeatable. The path and data never reach any other proxy.")
  List<Fingerprint> pins = new ArrayList<>();

  @Option(
      names = "--insecure",
      description =
          "Allow ws:// without --pin: any proxy identity is accepted, so anyone on the path can"
              + " read and change the session. For local experiments only.")
  boolean insecure;

  @Option(
      names = "--cacert",
      paramLabel = "PEM",
      description =
          "Trust the CA certificate(s) in this PEM file for wss:// (instead of the JDK's).")
  Path caCert;

  /** The TLS context these options ask for, or empty for the JDK default. */
  Optional<SSLContext> sslContext() throws IOException, GeneralSecurityException {
    if (caCert == null) {
      return Optional.empty();
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream pem = Files.newInputStream(caCert)) {
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
        store.setCertificateEntry("ca-" + i++, c);
      }
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return Optional.of(context);
  }
}
