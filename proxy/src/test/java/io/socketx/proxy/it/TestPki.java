package io.socketx.proxy.it;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A throw-away CA and server certificates for 127.0.0.1, written as PEM files. */
final class TestPki {
  final X509Bundle ca;
  final X509Bundle server;
  final Path caFile;
  final Path certFile;
  final Path keyFile;

  private TestPki(X509Bundle ca, X509Bundle server, Path dir) throws Exception {
    this.ca = ca;
    this.server = server;
    this.caFile = Files.writeString(dir.resolve("ca.pem"), ca.getCertificatePEM());
    this.certFile = Files.writeString(dir.resolve("cert.pem"), server.getCertificatePathPEM());
    this.keyFile = Files.writeString(dir.resolve("key.pem"), server.getPrivateKeyPEM());
  }

  /** A CA and a server certificate with IP SAN 127.0.0.1 (or only DNS name {@code other}). */
  static TestPki create(Path dir, String caName, boolean ipSan) throws Exception {
    Instant now = Instant.now();
    X509Bundle ca =
        new CertificateBuilder()
            .subject("CN=" + caName)
            .setIsCertificateAuthority(true)
            .notBefore(now.minus(1, ChronoUnit.HOURS))
            .notAfter(now.plus(1, ChronoUnit.DAYS))
            .ecp256()
            .buildSelfSigned();
    CertificateBuilder leaf =
        new CertificateBuilder()
            .subject("CN=proxy-test")
            .notBefore(now.minus(1, ChronoUnit.HOURS))
            .notAfter(now.plus(1, ChronoUnit.DAYS))
            .ecp256()
            .addExtendedKeyUsageServerAuth();
    if (ipSan) {
      leaf.addSanIpAddress("127.0.0.1");
    } else {
      leaf.addSanDnsName("other.example");
    }
    Files.createDirectories(dir);
    return new TestPki(ca, leaf.buildIssuedBy(ca), dir);
  }

  SslContext serverContext() throws Exception {
    return SslContextBuilder.forServer(certFile.toFile(), keyFile.toFile()).build();
  }

  SslContext clientContext() throws Exception {
    return SslContextBuilder.forClient().trustManager(caFile.toFile()).build();
  }
}
