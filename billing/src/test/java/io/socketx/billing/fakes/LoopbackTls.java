package io.socketx.billing.fakes;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.net.ssl.SSLContext;

/**
 * A throw-away CA and a server certificate for 127.0.0.1 (IP SAN) shared by the HTTPS fakes; the
 * client side trusts this CA only.
 */
public final class LoopbackTls {
  private static final X509Bundle CA;
  private static final X509Bundle SERVER;

  static {
    Instant now = Instant.now();
    try {
      CA =
          new CertificateBuilder()
              .subject("CN=socketx billing test CA")
              .setIsCertificateAuthority(true)
              .notBefore(now.minus(1, ChronoUnit.HOURS))
              .notAfter(now.plus(1, ChronoUnit.DAYS))
              .ecp256()
              .buildSelfSigned();
      SERVER =
          new CertificateBuilder()
              .subject("CN=127.0.0.1")
              .notBefore(now.minus(1, ChronoUnit.HOURS))
              .notAfter(now.plus(1, ChronoUnit.DAYS))
              .addExtendedKeyUsageServerAuth()
              .addSanIpAddress("127.0.0.1")
              .ecp256()
              .buildIssuedBy(CA);
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private LoopbackTls() {}

  /** Server side: the 127.0.0.1 certificate. */
  public static SSLContext server() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(SERVER.toKeyManagerFactory().getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Client side: trusts the test CA and nothing else. */
  public static SSLContext client() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, CA.toTrustManagerFactory().getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
