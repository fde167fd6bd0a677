package io.socketx.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketx.protocol.Entropy;
import io.socketx.protocol.EntropyPurpose;
import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.Suite;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Re-derives the published vectors from docs/protocol.md alone, with the JDK's HMAC and AES-GCM
 * instead of the implementation's key schedule, and uses that to build records the reference client
 * never sends (a wrong Finished MAC, an escaping pathname) to check the proxy's answers.
 */
class V2SpecConformanceTest {
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] hmac(byte[] key, byte[]... parts) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    for (byte[] p : parts) {
      mac.update(p);
    }
    return mac.doFinal();
  }

  /**
   * Section 5: HKDF-Expand(secret, u16(L) || u8(4+len) || "sx2 " || label || u8(len) || ctx, L).
   */
  private static byte[] expandLabel(byte[] secret, String label, byte[] context, int length)
      throws Exception {
    ByteArrayOutputStream info = new ByteArrayOutputStream();
    byte[] full = ("sx2 " + label).getBytes(StandardCharsets.US_ASCII);
    info.write(length >> 8);
    info.write(length);
    info.write(full.length);
    info.write(full);
    info.write(context.length);
    info.write(context);
    byte[] out = new byte[0];
    byte[] previous = new byte[0];
    for (int i = 1; out.length < length; i++) {
      previous = hmac(secret, previous, info.toByteArray(), new byte[] {(byte) i});
      out = concat(out, previous);
    }
    return Arrays.copyOf(out, length);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return b.toByteArray();
  }

  private static byte[] sha256(byte[]... parts) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    for (byte[] p : parts) {
      d.update(p);
    }
    return d.digest();
  }

  private static byte[] gcm(int mode, byte[] secret, long seq, byte[] aad, byte[] input)
      throws Exception {
    byte[] nonce = expandLabel(secret, "iv", new byte[0], 12);
    for (int i = 0; i < 8; i++) {
      nonce[4 + i] ^= (byte) (seq >>> (56 - 8 * i));
    }
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(
        mode,
        new SecretKeySpec(expandLabel(secret, "key", new byte[0], 32), "AES"),
        new GCMParameterSpec(128, nonce));
    c.updateAAD(aad);
    return c.doFinal(input);
  }

  /** Section 2: header || seq || AES-256-GCM(plaintext), aad = header || seq. */
  private static byte[] record(int type, byte[] secret, long seq, byte[] plaintext)
      throws Exception {
    byte[] head =
        ByteBuffer.allocate(15)
            .put(HEX.parseHex("53434b5802"))
            .put((byte) type)
            .put((byte) 254)
            .putLong(seq)
            .array();
    return concat(head, gcm(Cipher.ENCRYPT_MODE, secret, seq, head, plaintext));
  }

  private static JsonNode vector(Suite suite) throws Exception {
    try (InputStream in =
        V2SpecConformanceTest.class
            .getClassLoader()
            .getResourceAsStream("vectors/v2/" + suite.wireName() + ".json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static byte[] flow(JsonNode v, int i) {
    return HEX.parseHex(v.get("flow").get(i).get("hex").asText());
  }

  @ParameterizedTest
  @EnumSource(Suite.class)
  void theSpecAloneReproducesTheVectorAndLetsAClientBuildItsOwnRecords(Suite suite)
      throws Exception {
    JsonNode v = vector(suite);
    JsonNode derived = v.get("derived");
    byte[] ch = flow(v, 0);
    byte[] sh = flow(v, 1);
    int share = sh.length - 156;

    byte[] hs =
        hmac(
            "socketx v2".getBytes(StandardCharsets.US_ASCII),
            HEX.parseHex(derived.get("ikm").asText()));
    byte[] hShare = sha256(ch, Arrays.copyOf(sh, share));
    byte[] sHs = expandLabel(hs, "s hs", hShare, 32);
    byte[] cHs = expandLabel(hs, "c hs", hShare, 32);
    byte[] sealed =
        gcm(
            Cipher.DECRYPT_MODE,
            sHs,
            0,
            Arrays.copyOf(sh, share),
            Arrays.copyOfRange(sh, share, sh.length));
    byte[] spki = Arrays.copyOf(sealed, 44);
    byte[] signature = Arrays.copyOfRange(sealed, 44, 108);
    byte[] serverFinished = Arrays.copyOfRange(sealed, 108, 140);
    byte[] finishedKeyS = expandLabel(sHs, "finished", new byte[0], 32);
    assertThat(serverFinished)
        .isEqualTo(hmac(finishedKeyS, sha256(ch, Arrays.copyOf(sh, share), spki, signature)));
    assertThat(Fingerprint.ofSpki(spki).toString())
        .isEqualTo(v.get("identityFingerprint").asText());
    byte[] hFinished = sha256(ch, Arrays.copyOf(sh, share), sealed);
    byte[] cAp = expandLabel(hs, "c ap", hFinished, 32);
    assertThat(HEX.formatHex(hs)).isEqualTo(derived.get("handshake_secret").asText());
    assertThat(HEX.formatHex(cHs)).isEqualTo(derived.get("c_hs").asText());
    assertThat(HEX.formatHex(cAp)).isEqualTo(derived.get("c_ap").asText());
    assertThat(HEX.formatHex(expandLabel(cAp, "upd", new byte[0], 32)))
        .isEqualTo(derived.get("next(c_ap)").asText());

    byte[] clientFinished = hmac(expandLabel(cHs, "finished", new byte[0], 32), hFinished);
    byte[] pathname = v.get("pathname").asText().getBytes(StandardCharsets.UTF_8);
    assertThat(record(3, cHs, 0, concat(clientFinished, pathname)))
        .as("CLIENT_FINISHED built from the spec equals the vector's")
        .isEqualTo(flow(v, 2));

    byte[] wrongMac = clientFinished.clone();
    wrongMac[0] ^= 1;
    assertProxyAnswers(
        suite, v, record(3, cHs, 0, concat(wrongMac, pathname)), ProtocolError.BAD_FINISHED);
    assertProxyAnswers(
        suite,
        v,
        record(
            3,
            cHs,
            0,
            concat(clientFinished, "/../other-tenant".getBytes(StandardCharsets.US_ASCII))),
        ProtocolError.INVALID_PATHNAME);
  }

  private static void assertProxyAnswers(
      Suite suite, JsonNode v, byte[] finished, ProtocolError error) throws ProtocolException {
    JsonNode entropy = v.get("entropy");
    Entropy fixed =
        (EntropyPurpose purpose, int length) -> HEX.parseHex(entropy.get(purpose.label()).asText());
    ServerSession proxy =
        new ServerSession(
            ServerSettings.of(
                suite,
                IdentityKeys.of(
                    IdentityKey.fromPkcs8(HEX.parseHex(v.get("identityKeyPkcs8").asText())))),
            fixed);
    proxy.receive(ByteBuffer.wrap(flow(v, 0)));

    assertThatThrownBy(() -> proxy.receive(ByteBuffer.wrap(finished)))
        .extracting(e -> ((ProtocolException) e).error())
        .isEqualTo(error);
  }
}
