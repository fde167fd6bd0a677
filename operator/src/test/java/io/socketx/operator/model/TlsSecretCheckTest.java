package io.socketx.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TlsSecretCheckTest {
  static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

  static Secret tls(String cert, String key) {
    SecretBuilder secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName("edge-tls")
            .endMetadata()
            .withType("kubernetes.io/tls");
    if (cert != null) {
      secret.addToData("tls.crt", Base64.getEncoder().encodeToString(cert.getBytes()));
    }
    if (key != null) {
      secret.addToData("tls.key", Base64.getEncoder().encodeToString(key.getBytes()));
    }
    return secret.build();
  }

  static Stream<Arguments> secrets() throws Exception {
    TestCertificates valid = TestCertificates.selfSigned("edge.example.com", NOW.plusSeconds(3600));
    TestCertificates expired = TestCertificates.selfSigned("old.example.com", NOW.minusSeconds(60));
    return Stream.of(
        Arguments.of("missing", null, false, "SecretMissing", "does not exist"),
        Arguments.of(
            "no tls.crt", tls(null, valid.keyPem()), false, "SecretInvalid", "has no tls.crt"),
        Arguments.of(
            "no key",
            tls(valid.certPem(), null),
            false,
            "SecretInvalid",
            "tls.key holds no PEM private key"),
        Arguments.of(
            "garbage certificate",
            tls(
                "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n",
                valid.keyPem()),
            false,
            "SecretInvalid",
            "tls.crt is not a PEM certificate chain"),
        Arguments.of(
            "expired",
            tls(expired.certPem(), expired.keyPem()),
            false,
            "SecretInvalid",
            "certificate expired at"),
        Arguments.of(
            "valid",
            tls(valid.certPem(), valid.keyPem()),
            true,
            "CertificateLoaded",
            "CN=edge.example.com"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secrets")
  void checksTheSecretTheWayTheProxyUsesIt(
      String label, Secret secret, boolean ok, String reason, String messagePart) {
    ConditionState check = TlsSecretCheck.check("edge-tls", secret, NOW);
    assertThat(check.ok()).isEqualTo(ok);
    assertThat(check.reason()).isEqualTo(reason);
    assertThat(check.message()).contains(messagePart).contains("edge-tls");
    if (secret != null) {
      // never the key's content
      String keyBody =
          new String(Base64.getDecoder().decode(secret.getData().getOrDefault("tls.key", "")));
      keyBody
          .lines()
          .filter(l -> !l.startsWith("-----") && !l.isBlank())
          .forEach(l -> assertThat(check.message()).doesNotContain(l));
    }
  }
}
