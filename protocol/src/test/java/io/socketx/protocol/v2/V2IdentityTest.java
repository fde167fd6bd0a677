package io.socketx.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.Suite;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class V2IdentityTest {
  private static final IdentityKey OTHER = V2Fixture.key("other");

  private static ClientSession client(Pins pins, Suite suite) {
    return new ClientSession(
        ClientSettings.of(suite, V2Fixture.PATHNAME, pins), V2Fixture.entropy("client"));
  }

  private static ServerSession server(IdentityKey... keys) {
    return new ServerSession(
        ServerSettings.of(Suite.X25519, IdentityKeys.of(keys)), V2Fixture.entropy("server"));
  }

  private static ProtocolException rejection(ClientSession client, ServerSession server) {
    ByteBuffer hello = client.start();
    try {
      ByteBuffer reply = ((Event.Reply) server.receive(hello)).record();
      return org.junit.jupiter.api.Assertions.assertThrows(
          ProtocolException.class, () -> client.receive(reply));
    } catch (ProtocolException e) {
      throw new AssertionError("the proxy refused the hello", e);
    }
  }

  @ParameterizedTest
  @EnumSource(Suite.class)
  void aManInTheMiddleWithItsOwnKeyIsCaughtBeforeThePathnameLeavesTheClient(Suite suite) {
    ClientSession client = client(Pins.of(V2Fixture.PROXY.fingerprint()), suite);
    ServerSession attacker = server(OTHER);

    ByteBuffer onlyRecordSent = client.start();
    ProtocolException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ProtocolException.class,
            () -> client.receive(((Event.Reply) attacker.receive(onlyRecordSent)).record()));

    assertThat(e.error()).isEqualTo(ProtocolError.PIN_MISMATCH);
    assertThat(e.getMessage())
        .contains(OTHER.fingerprint().toString())
        .contains(V2Fixture.PROXY.fingerprint().toString());
    assertThat(new String(V2Fixture.bytes(onlyRecordSent), StandardCharsets.ISO_8859_1))
        .doesNotContain("/chat")
        .doesNotContain("room");
    assertThat(client.canSend()).isFalse();
    assertThatThrownBy(() -> client.encode(MessageType.TEXT, V2Fixture.text("secret")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> client.receive(ByteBuffer.allocate(40)))
        .isInstanceOf(ProtocolException.class)
        .extracting(x -> ((ProtocolException) x).error())
        .isEqualTo(ProtocolError.UNEXPECTED_ACTION);
  }

  @Test
  void anAttackerPresentingThePinnedKeyWithoutItsPrivateHalfFailsTheSignature() {
    ProtocolException e =
        rejection(
            client(Pins.of(V2Fixture.PROXY.fingerprint()), Suite.X25519_MLKEM768),
            server(IdentityKey.impostor(OTHER, V2Fixture.PROXY)));

    assertThat(e.error()).isEqualTo(ProtocolError.BAD_SIGNATURE);
  }

  @Test
  void aRotatingProxySignsWithTheKeyTheClientPinned() throws Exception {
    IdentityKey next = V2Fixture.key("next");
    for (IdentityKey pinned : new IdentityKey[] {V2Fixture.PROXY, next}) {
      V2Fixture pair =
          V2Fixture.of(
                  ClientSettings.of(
                      Suite.X25519, V2Fixture.PATHNAME, Pins.of(pinned.fingerprint())),
                  ServerSettings.of(Suite.X25519, IdentityKeys.of(V2Fixture.PROXY, next)),
                  "rotation")
              .open();
      assertThat(pair.client.proxyIdentity()).isEqualTo(pinned.fingerprint());
    }
  }

  @Test
  void anUnpinnedClientAcceptsTheDefaultKeyAndReportsItsFingerprint() throws Exception {
    V2Fixture pair =
        V2Fixture.of(
                ClientSettings.of(Suite.X25519, V2Fixture.PATHNAME, Pins.anyIdentity()),
                ServerSettings.of(Suite.X25519, IdentityKeys.of(V2Fixture.PROXY, OTHER)),
                "unpinned")
            .open();

    assertThat(pair.client.proxyIdentity()).isEqualTo(V2Fixture.PROXY.fingerprint());
    assertThat(pair.clientHello.get(8)).as("no hints sent").isEqualTo((byte) 0);
  }

  @Test
  void fingerprintIsSha256OfTheSubjectPublicKeyInfoInBase64urlOrHex() throws Exception {
    byte[] spki = V2Fixture.PROXY.spki();
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(spki);

    assertThat(spki).hasSize(44);
    assertThat(HexFormat.of().formatHex(spki, 0, 12)).isEqualTo("302a300506032b6570032100");
    assertThat(V2Fixture.PROXY.fingerprint().toString())
        .isEqualTo("sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest))
        .hasSize(50);
    assertThat(Fingerprint.parse("sha256:" + HexFormat.of().formatHex(digest)))
        .isEqualTo(V2Fixture.PROXY.fingerprint());
    assertThat(Fingerprint.parse(V2Fixture.PROXY.fingerprint().toString()))
        .isEqualTo(V2Fixture.PROXY.fingerprint());
  }

  @Test
  void badFingerprintsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> Fingerprint.parse("md5:abc")).hasMessageContaining("sha256:");
    assertThatThrownBy(() -> Fingerprint.parse("sha256:AAAA")).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> Fingerprint.parse("sha256:!!!!")).hasMessageContaining("base64url");
  }

  @Test
  void keyFileRoundTripsTwoKeysAndIsOpenSslsPkcs8() {
    IdentityKeys keys = IdentityKeys.of(V2Fixture.PROXY, OTHER);

    String pem = keys.toPem();
    IdentityKeys read = IdentityKeys.parsePem("# rotation in progress\n" + pem);

    assertThat(read.fingerprints()).isEqualTo(keys.fingerprints());
    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(HexFormat.of().formatHex(V2Fixture.PROXY.toPkcs8()))
        .as("the 48-byte RFC 8410 form `openssl genpkey -algorithm ed25519` writes")
        .startsWith("302e020100300506032b657004220420")
        .hasSize(96);
    assertThat(keys.toString()).doesNotContain(pem.substring(28, 60));
  }

  @Test
  void keyFilesWithoutKeysTooManyKeysOrOtherBlocksAreRefused() {
    String one = IdentityKeys.of(V2Fixture.PROXY).toPem();
    assertThatThrownBy(() -> IdentityKeys.parsePem("nothing here"))
        .hasMessageContaining("no \"-----BEGIN PRIVATE KEY-----\" block");
    assertThatThrownBy(() -> IdentityKeys.parsePem(one + one + one))
        .hasMessageContaining("one or two identity keys, not 3");
    assertThatThrownBy(
            () ->
                IdentityKeys.parsePem(
                    "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n"))
        .hasMessageContaining("PUBLIC KEY");
    assertThatThrownBy(
            () ->
                IdentityKeys.parsePem(
                    "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
        .hasMessageContaining("PKCS#8");
  }
}
