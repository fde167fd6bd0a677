package io.socketx.operator.model;

import io.fabric8.kubernetes.api.model.Secret;
import io.socketx.crd.SocketXApi.Reasons;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;

/**
 * Checks the kubernetes.io/tls Secret of spec.tls the way the proxy will use it: a PEM certificate
 * chain in tls.crt that has not expired, a PEM private key in tls.key.
 */
public final class TlsSecretCheck {
  public static final String CERT = "tls.crt";
  public static final String KEY = "tls.key";

  /** Checks {@code secret} (null: missing) named {@code name} at {@code now}. */
  public static ConditionState check(String name, Secret secret, Instant now) {
    if (secret == null) {
      return ConditionState.isFalse(
          Reasons.SECRET_MISSING,
          "TLS Secret "
              + name
              + " does not exist; pods wait for it (cert-manager creates it once the Certificate"
              + " is issued)");
    }
    try {
      String cert = IdentitySecretModel.text(secret, CERT);
      String key = IdentitySecretModel.text(secret, KEY);
      if (cert == null || cert.isBlank()) {
        return invalid(name, "has no " + CERT);
      }
      if (key == null || !key.contains("PRIVATE KEY-----")) {
        return invalid(name, KEY + " holds no PEM private key");
      }
      Collection<? extends java.security.cert.Certificate> chain =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(cert.getBytes(StandardCharsets.US_ASCII)));
      if (chain.isEmpty()) {
        return invalid(name, CERT + " holds no certificate");
      }
      X509Certificate leaf = (X509Certificate) chain.iterator().next();
      Instant notAfter = leaf.getNotAfter().toInstant();
      if (notAfter.isBefore(now)) {
        return invalid(name, "certificate expired at " + notAfter);
      }
      return ConditionState.isTrue(
          Reasons.CERTIFICATE_LOADED,
          "serving wss:// with Secret "
              + name
              + ": "
              + leaf.getSubjectX500Principal().getName()
              + ", valid until "
              + notAfter);
    } catch (CertificateException | IllegalArgumentException e) {
      return invalid(name, CERT + " is not a PEM certificate chain: " + e.getMessage());
    }
  }

  private static ConditionState invalid(String name, String problem) {
    return ConditionState.isFalse(Reasons.SECRET_INVALID, "TLS Secret " + name + " " + problem);
  }

  private TlsSecretCheck() {}
}
