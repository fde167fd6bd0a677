package io.socketx.operator.model;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed certificates and keys in PEM, as cert-manager writes them into a TLS Secret. */
public record TestCertificates(String certPem, String keyPem) {

  /** A certificate for {@code cn} valid from a day before {@code notAfter} until it. */
  public static TestCertificates selfSigned(String cn, Instant notAfter) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    X500Name name = new X500Name("CN=" + cn);
    var holder =
        new JcaX509v3CertificateBuilder(
                name,
                BigInteger.valueOf(notAfter.toEpochMilli()),
                Date.from(notAfter.minusSeconds(86_400)),
                Date.from(notAfter),
                name,
                pair.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    var cert = new JcaX509CertificateConverter().getCertificate(holder);
    return new TestCertificates(pem(cert), pem(pair.getPrivate()));
  }

  /** The Secret data (base64 values) of a kubernetes.io/tls Secret holding this pair. */
  public java.util.Map<String, String> secretData() {
    return java.util.Map.of(
        "tls.crt", Base64.getEncoder().encodeToString(certPem.getBytes()),
        "tls.key", Base64.getEncoder().encodeToString(keyPem.getBytes()));
  }

  private static String pem(Object o) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(o);
    }
    return out.toString();
  }
}
