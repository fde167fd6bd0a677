package io.socketx.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FALLBACK, not a known-answer test from a published source: no package on Maven Central or npm
 * carries NIST ACVP, C2SP CCTV or Wycheproof ML-KEM vectors, so this compares the protocol's ML-KEM
 * path (BouncyCastle) with a second, independent implementation, {@code @noble/post-quantum} 0.7.1
 * from npm. {@code kat/mlkem-noble.json} was written by {@code kat/mlkem-noble.mjs}: key generation
 * from a seed {@code d || z}, encapsulation with fixed {@code m}, and decapsulation of a forged
 * ciphertext (FIPS 203 implicit rejection), for ML-KEM-512, -768 and -1024.
 */
class MlKemCrossImplementationTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final Map<String, Suite> SUITES =
      Map.of(
          "ML-KEM-512", Suite.X25519_MLKEM512,
          "ML-KEM-768", Suite.X25519_MLKEM768,
          "ML-KEM-1024", Suite.X25519_MLKEM1024);
  private static final byte[] X25519_CLIENT = HEX.parseHex("77".repeat(32));
  private static final byte[] X25519_SERVER = HEX.parseHex("5d".repeat(32));

  static List<JsonNode> cases() throws Exception {
    try (InputStream in =
        MlKemCrossImplementationTest.class
            .getClassLoader()
            .getResourceAsStream("kat/mlkem-noble.json")) {
      List<JsonNode> out = new ArrayList<>();
      new ObjectMapper().readTree(in).get("cases").forEach(out::add);
      assertThat(out).hasSize(12);
      return out;
    }
  }

  private static byte[] hex(JsonNode c, String field) {
    return HEX.parseHex(c.get(field).asText());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void protocolMlKemAgreesWithAnIndependentImplementation(JsonNode c) throws Exception {
    Suite suite = SUITES.get(c.get("parameterSet").asText());
    HybridKeyExchange.ClientOffer offer =
        new HybridKeyExchange.ClientOffer(suite, X25519_CLIENT, hex(c, "seed"));
    assertThat(offer.mlkemPublic()).as("encapsulation key from d || z").isEqualTo(hex(c, "ek"));

    HybridKeyExchange.ServerAnswer answer =
        HybridKeyExchange.answer(
            suite, offer.x25519Public(), hex(c, "ek"), X25519_SERVER, hex(c, "m"));
    assertThat(answer.mlkemCiphertext()).as("ciphertext").isEqualTo(hex(c, "ct"));
    assertThat(answer.secrets().mlkem()).as("encapsulated secret").isEqualTo(hex(c, "ss"));
    assertThat(offer.agree(suite, answer.x25519Public(), hex(c, "ct")).mlkem())
        .as("decapsulated secret")
        .isEqualTo(hex(c, "ss"));

    MLKEMPrivateKeyParameters dk =
        new MLKEMPrivateKeyParameters(suite.mlkemParameters(), hex(c, "seed"));
    assertThat(new MLKEMExtractor(dk).extractSecret(hex(c, "forgedCt")))
        .as("implicit rejection of a forged ciphertext")
        .isEqualTo(hex(c, "forgedSs"));
  }
}
