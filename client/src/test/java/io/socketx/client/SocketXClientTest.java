package io.socketx.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.Suite;
import io.socketx.protocol.v2.CloseNotice;
import io.socketx.protocol.v2.Fingerprint;
import io.socketx.protocol.v2.IdentityKey;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SocketXClientTest {

  /** Collects what a connection receives. */
  static final class Recorder implements SocketXListener {
    final List<String> texts = new CopyOnWriteArrayList<>();
    final List<byte[]> binaries = new CopyOnWriteArrayList<>();
    final List<Integer> closes = new CopyOnWriteArrayList<>();

    @Override
    public void onText(SocketXConnection c, String text) {
      texts.add(text);
    }

    @Override
    public void onBinary(SocketXConnection c, ByteBuffer data) {
      byte[] b = new byte[data.remaining()];
      data.get(b);
      binaries.add(b);
    }

    @Override
    public void onClose(SocketXConnection c, int code, String reason) {
      closes.add(code);
    }
  }

  /** Options that pin the responder's identity key. */
  private static ClientOptions.Builder pinned() {
    return ClientOptions.builder().pin(TestResponder.PIN);
  }

  private static URI uri(TestResponder r, String path) {
    return URI.create("ws://127.0.0.1:" + r.port() + path);
  }

  @ParameterizedTest
  @EnumSource(Suite.class)
  void echoesTextAndBinaryThroughEverySuite(Suite suite) throws Exception {
    try (TestResponder responder = new TestResponder(Suite.X25519, TestResponder.Mode.ECHO)) {
      Recorder recorder = new Recorder();
      try (SocketXConnection c =
          SocketXClient.connect(
              uri(responder, "/chat?room=1"), pinned().suite(suite).build(), recorder)) {
        assertThat(c.suite()).isEqualTo(suite);
        assertThat(c.eeid()).isNotBlank();
        c.sendText("héllo").join();
        c.sendBinary(ByteBuffer.wrap(new byte[] {0, 1, (byte) 255})).join();
        byte[] big = new byte[200_000];
        c.sendBinary(ByteBuffer.wrap(big)).join();

        await().atMost(Duration.ofSeconds(60)).until(() -> recorder.binaries.size() == 2);
        assertThat(recorder.texts).containsExactly("héllo");
        assertThat(recorder.binaries.get(0)).containsExactly(0, 1, 255);
        assertThat(recorder.binaries.get(1)).isEqualTo(big);
        assertThat(responder.lastHeaders).containsEntry(":pathname", "/chat?room=1");
        // path and query travel encrypted; the upgrade request shows neither
        assertThat(responder.lastHeaders).containsEntry(":upgrade-uri", "/");
        assertThat(c.proxyIdentity()).isEqualTo(TestResponder.PIN);
      }
      await().until(() -> recorder.closes.contains(1000));
    }
  }

  @Test
  void repeatedHandshakesAllCompleteEvenWhenTheServerAnswersAtOnce() throws Exception {
    // the server's RESPONSE may arrive before the JDK reports REQUEST as sent: every record must
    // go through the one send chain or the JDK rejects the overlapping send
    try (TestResponder responder = new TestResponder(Suite.X25519, TestResponder.Mode.ECHO)) {
      SocketXClient client = new SocketXClient(pinned().suite(Suite.X25519).build());
      for (int i = 0; i < 40; i++) {
        try (SocketXConnection c = client.connect(uri(responder, "/"), new Recorder())) {
          assertThat(c.isOpen()).isTrue();
        }
      }
    }
  }

  @Test
  void sendsOriginExtraHeadersAndTheSubprotocol() throws Exception {
    try (TestResponder responder = new TestResponder(Suite.X25519, TestResponder.Mode.ECHO)) {
      ClientOptions options =
          pinned().origin("https://app.example.com").header("X-Tenant", "blue").build();
      try (SocketXConnection c =
          SocketXClient.connect(uri(responder, "/"), options, new Recorder())) {
        assertThat(c.isOpen()).isTrue();
      }
      assertThat(responder.lastHeaders)
          .containsEntry("origin", "https://app.example.com")
          .containsEntry("x-tenant", "blue")
          .containsEntry("sec-websocket-protocol", "socketx.v2");
    }
  }

  @Test
  void rejectedUpgradeReportsTheHttpStatus() throws Exception {
    try (TestResponder responder =
        new TestResponder(Suite.X25519, TestResponder.Mode.ECHO, "https://evil.example", null)) {
      ClientOptions options = pinned().origin("https://evil.example").build();

      assertThatThrownBy(() -> SocketXClient.connect(uri(responder, "/"), options, new Recorder()))
          .isInstanceOf(UpgradeRejectedException.class)
          .hasMessageContaining("403")
          .extracting(e -> ((UpgradeRejectedException) e).statusCode())
          .isEqualTo(403);
    }
  }

  @Test
  void serverProtocolViolationIsReportedWithItsError() throws Exception {
    try (TestResponder responder = new TestResponder(Suite.X25519, TestResponder.Mode.GARBAGE)) {
      assertThatThrownBy(
              () -> SocketXClient.connect(uri(responder, "/"), pinned().build(), new Recorder()))
          .isInstanceOf(ProtocolViolationException.class)
          .extracting(e -> ((ProtocolViolationException) e).error())
          .isEqualTo(ProtocolError.BAD_MAGIC);
    }
  }

  @Test
  void suiteBelowTheProxyMinimumIsReportedAsAClose() throws Exception {
    try (TestResponder responder =
        new TestResponder(Suite.X25519_MLKEM1024, TestResponder.Mode.ECHO)) {
      ClientOptions weak = pinned().suite(Suite.X25519).build();
      // v2 names one suite; a proxy that requires a stronger one refuses it (no retry)
      assertThatThrownBy(() -> SocketXClient.connect(uri(responder, "/"), weak, new Recorder()))
          .isInstanceOf(ConnectionClosedException.class)
          .extracting(e -> ((ConnectionClosedException) e).code())
          .isEqualTo(ProtocolError.SUITE_BELOW_MINIMUM.closeCode());
    }
  }

  @Test
  void upstreamFailureSurfacesTheProxysCloseCode() throws Exception {
    try (TestResponder responder =
        new TestResponder(Suite.X25519, TestResponder.Mode.UPSTREAM_DOWN)) {
      assertThatThrownBy(
              () -> SocketXClient.connect(uri(responder, "/"), pinned().build(), new Recorder()))
          .isInstanceOf(ConnectionClosedException.class)
          .extracting(e -> ((ConnectionClosedException) e).code())
          .isEqualTo(1014);
    }
  }

  @Test
  void handshakeThatNeverCompletesTimesOut() throws Exception {
    try (TestResponder responder = new TestResponder(Suite.X25519, TestResponder.Mode.SILENT)) {
      ClientOptions options = pinned().handshakeTimeout(Duration.ofMillis(300)).build();

      assertThatThrownBy(() -> SocketXClient.connect(uri(responder, "/"), options, new Recorder()))
          .isInstanceOf(SocketXException.class)
          .hasMessageContaining("handshake did not complete");
    }
  }

  @Test
  void refusedConnectionNamesTheAddress() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    URI closed = URI.create("ws://127.0.0.1:" + port + "/");

    assertThatThrownBy(() -> SocketXClient.connect(closed, pinned().build(), new Recorder()))
        .isInstanceOf(SocketXException.class)
        .hasMessageContaining("127.0.0.1:" + port);
  }

  @Test
  void rejectsUrlsThatAreNotWebSockets() {
    assertThatThrownBy(
            () ->
                SocketXClient.connect(
                    URI.create("http://127.0.0.1:1/"), pinned().build(), new Recorder()))
        .isInstanceOf(SocketXException.class)
        .hasMessageContaining("ws://");
  }

  @Test
  void sendingAfterCloseFails() throws Exception {
    try (TestResponder responder = new TestResponder(Suite.X25519, TestResponder.Mode.ECHO)) {
      SocketXConnection c =
          SocketXClient.connect(uri(responder, "/"), pinned().build(), new Recorder());
      c.close();

      assertThat(c.isOpen()).isFalse();
      assertThat(c.sendText("late")).isCompletedExceptionally();
      assertThat(c.closeFuture().join()).isEqualTo(1000);
    }
  }

  @Test
  void textIsUtf8OnTheWire() throws Exception {
    try (TestResponder responder = new TestResponder(Suite.X25519, TestResponder.Mode.ECHO)) {
      Recorder recorder = new Recorder();
      try (SocketXConnection c =
          SocketXClient.connect(uri(responder, "/"), pinned().build(), recorder)) {
        String text = "日本語 ✓ " + new String(new byte[] {0x41}, StandardCharsets.UTF_8);
        c.sendText(text).join();
        await().until(() -> recorder.texts.size() == 1);
        assertThat(recorder.texts.get(0)).isEqualTo(text);
      }
    }
  }

  @Test
  void refusesWsWithoutAPinUnlessUnpinnedIsAllowedExplicitly() throws Exception {
    try (TestResponder responder = new TestResponder(Suite.X25519, TestResponder.Mode.ECHO)) {
      assertThatThrownBy(
              () ->
                  SocketXClient.connect(
                      uri(responder, "/"), ClientOptions.defaults(), new Recorder()))
          .isInstanceOf(SocketXException.class)
          .hasMessageContaining("refusing ws:// without a pinned proxy identity")
          .hasMessageContaining("--pin")
          .hasMessageContaining("--insecure");
      assertThat(responder.lastHeaders).as("nothing was sent").isEmpty();

      ClientOptions insecure = ClientOptions.builder().allowUnpinnedProxy().build();
      try (SocketXConnection c =
          SocketXClient.connect(uri(responder, "/"), insecure, new Recorder())) {
        assertThat(c.proxyIdentity()).isEqualTo(TestResponder.PIN);
      }
    }
  }

  @Test
  void pinMismatchNamesBothFingerprintsAndThePathnameNeverLeaves() throws Exception {
    Fingerprint other = IdentityKey.generate(new java.security.SecureRandom()).fingerprint();
    try (TestResponder responder = new TestResponder(Suite.X25519, TestResponder.Mode.ECHO)) {
      ClientOptions wrongPin = ClientOptions.builder().pin(other).build();
      assertThatThrownBy(
              () ->
                  SocketXClient.connect(
                      uri(responder, "/secret?token=t"), wrongPin, new Recorder()))
          .isInstanceOfSatisfying(
              ProtocolViolationException.class,
              e -> assertThat(e.error()).isEqualTo(ProtocolError.PIN_MISMATCH))
          .hasMessageContaining(TestResponder.PIN.toString())
          .hasMessageContaining(other.toString());
      assertThat(responder.lastHeaders).doesNotContainKey(":pathname");
      assertThat(responder.lastHeaders.get(":upgrade-uri")).isEqualTo("/");
    }
  }

  @Test
  void acceptsAProxyHoldingAnyOfSeveralPins() throws Exception {
    Fingerprint other = IdentityKey.generate(new java.security.SecureRandom()).fingerprint();
    try (TestResponder responder = new TestResponder(Suite.X25519, TestResponder.Mode.ECHO)) {
      ClientOptions both = ClientOptions.builder().pin(other).pin(TestResponder.PIN).build();
      try (SocketXConnection c = SocketXClient.connect(uri(responder, "/"), both, new Recorder())) {
        assertThat(c.proxyIdentity()).isEqualTo(TestResponder.PIN);
      }
    }
  }

  @Test
  void aSessionEndingWithoutAuthenticatedCloseIsReportedAsTruncated() throws Exception {
    try (TestResponder responder = new TestResponder(Suite.X25519, TestResponder.Mode.TRUNCATE)) {
      Recorder recorder = new Recorder();
      List<Throwable> errors = new CopyOnWriteArrayList<>();
      SocketXListener listener =
          new SocketXListener() {
            @Override
            public void onText(SocketXConnection c, String text) {
              recorder.onText(c, text);
            }

            @Override
            public void onClose(SocketXConnection c, int code, String reason) {
              recorder.onClose(c, code, reason);
            }

            @Override
            public void onError(SocketXConnection c, Throwable error) {
              errors.add(error);
            }
          };
      SocketXConnection c = SocketXClient.connect(uri(responder, "/"), pinned().build(), listener);
      c.sendText("one").join();
      assertThat(c.closeFuture().get(60, java.util.concurrent.TimeUnit.SECONDS))
          .isEqualTo(ProtocolError.TRUNCATED.closeCode());
      assertThat(recorder.texts).containsExactly("one");
      assertThat(recorder.closes).containsExactly(ProtocolError.TRUNCATED.closeCode());
      assertThat(errors)
          .singleElement()
          .isInstanceOfSatisfying(
              ProtocolViolationException.class,
              e -> assertThat(e.error()).isEqualTo(ProtocolError.TRUNCATED));
      assertThat(c.closeNotice()).isNull();
    }
  }

  @Test
  void anUpstreamCloseCodeArrivesAuthenticatedWithItsOrigin() throws Exception {
    try (TestResponder responder =
        new TestResponder(Suite.X25519, TestResponder.Mode.UPSTREAM_CLOSES)) {
      Recorder recorder = new Recorder();
      SocketXConnection c = SocketXClient.connect(uri(responder, "/"), pinned().build(), recorder);
      c.sendText("one").join();
      assertThat(c.closeFuture().get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(4001);
      assertThat(c.closeNotice()).isEqualTo(CloseNotice.upstream(4001, "bye"));
      assertThat(recorder.closes).containsExactly(4001);
    }
  }
}
