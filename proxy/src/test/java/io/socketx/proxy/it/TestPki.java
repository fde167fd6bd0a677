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

  private TestPki(X509Bundle ca, X509Bundle server, Path dir, boolean pkcs1) throws Exception {
    this.ca = ca;
    this.server = server;
    this.caFile = Files.writeString(dir.resolve("ca.pem"), ca.getCertificatePEM());
    this.certFile = Files.writeString(dir.resolve("cert.pem"), server.getCertificatePathPEM());
    this.keyFile =
        Files.writeString(
            dir.resolve("key.pem"),
            pkcs1 ? pkcs1Pem(server.getKeyPair().getPrivate()) : server.getPrivateKeyPEM());
  }

  /** A CA and a server certificate with IP SAN 127.0.0.1 (or only DNS name {@code other}). */
  static TestPki create(Path dir, String caName, boolean ipSan) throws Exception {
    return create(dir, caName, ipSan, false);
  }

  /**
   * Like {@link #create(Path, String, boolean)}; with {@code rsaPkcs1} the server key is RSA in
   * PKCS#1 PEM ("RSA PRIVATE KEY"), as cert-manager writes by default.
   */
  static TestPki create(Path dir, String caName, boolean ipSan, boolean rsaPkcs1) throws Exception {
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
            .addExtendedKeyUsageServerAuth();
    if (rsaPkcs1) {
      leaf.rsa2048();
    } else {
      leaf.ecp256();
    }
    if (ipSan) {
      leaf.addSanIpAddress("127.0.0.1");
    } else {
      leaf.addSanDnsName("other.example");
    }
    Files.createDirectories(dir);
    return new TestPki(ca, leaf.buildIssuedBy(ca), dir, rsaPkcs1);
  }

  private static String pkcs1Pem(java.security.PrivateKey key) throws Exception {
    byte[] pkcs1 =
        org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(key.getEncoded())
            .parsePrivateKey()
            .toASN1Primitive()
            .getEncoded();
    String base64 =
        java.util.Base64.getMimeEncoder(
                64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .encodeToString(pkcs1);
    return "-----BEGIN RSA PRIVATE KEY-----\n" + base64 + "\n-----END RSA PRIVATE KEY-----\n";
  }

  SslContext serverContext() throws Exception {
    return SslContextBuilder.forServer(certFile.toFile(), keyFile.toFile()).build();
  }

  SslContext clientContext() throws Exception {
    return SslContextBuilder.forClient().trustManager(caFile.toFile()).build();
  }
}
