package io.socketx.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.socketx.client.ClientOptions;
import io.socketx.client.ProtocolViolationException;
import io.socketx.client.SocketXClient;
import io.socketx.client.SocketXConnection;
import io.socketx.client.SocketXListener;
import io.socketx.protocol.ProtocolConstants;
import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.Suite;
import io.socketx.protocol.v2.ClientSettings;
import io.socketx.protocol.v2.Event;
import io.socketx.protocol.v2.Fingerprint;
import io.socketx.protocol.v2.IdentityKey;
import io.socketx.protocol.v2.IdentityKeys;
import io.socketx.protocol.v2.KeyLimits;
import io.socketx.protocol.v2.Pins;
import io.socketx.proxy.ProxyServer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** Protocol v2 through the real proxy on 127.0.0.1 (docs/protocol.md), with real clients. */
class ProtocolV2Test extends ProxyTestSupport {
  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(Suite.class)
  void roundTripsThroughEverySuite(Suite suite) throws Exception {
    TestUpstream upstream = upstream();
    Map<String, String> env = env(map(route("*", upstream.url("ws"), "*")));
    env.put("MTE_KYBER_STRENGTH", "0");
    TestClient client = client(proxy(env)).handshake("/" + suite.wireName(), suite);
    client.assertEchoes("through " + suite.wireName());
    assertThat(upstream.handshakes.poll(CEILING.toSeconds(), TimeUnit.SECONDS).requestUri())
        .isEqualTo("/" + suite.wireName());
  }

  @Test
  void holdsEarlyDataUntilTheUpstreamIsConnectedThenDeliversItInOrder() throws Exception {
    TestUpstream upstream = upstream();
    upstream.admitUpgrades = new CompletableFuture<>();
    upstream.greeting = "welcome";
    ProxyServer proxy = proxyTo(upstream);
    TestClient client = client(proxy);
    client.established("/early");
    List<String> early = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      early.add("early " + i);
      client.sendText("early " + i);
    }
    // every early record reached the proxy while the upstream still withholds its 101
    await()
        .atMost(CEILING)
        .until(() -> admin(proxy, "/metrics").body().contains("socketx_messages_early_total 10.0"));
    assertThat(upstream.upgradeRequests.get()).isEqualTo(1);
    assertThat(upstream.received).isEmpty();

    upstream.admitUpgrades.complete(null);

    // UPSTREAM_CONNECTED comes first, before the greeting the upstream sends at once
    client.awaitUpstreamConnected();
    assertThat(client.receiveText()).isEqualTo("welcome");
    for (String text : early) {
      assertThat(client.receiveText()).isEqualTo(text);
    }
    client.assertEchoes("after");
    List<String> atUpstream = new ArrayList<>();
    for (int i = 0; i < early.size() + 1; i++) {
      atUpstream.add(upstream.received.poll(CEILING.toSeconds(), TimeUnit.SECONDS).string());
    }
    List<String> expected = new ArrayList<>(early);
    expected.add("after");
    assertThat(atUpstream).containsExactlyElementsOf(expected);
  }

  @Test
  void aPinningClientDetectsAManInTheMiddleBeforeThePathnameLeaves() throws Exception {
    TestUpstream upstream = upstream();
    proxyTo(upstream); // the real proxy, whose key the client pins
    Mitm mitm = track(new Mitm(group));
    Fingerprint real = TestIdentity.KEYS.fingerprints().get(0);
    URI viaMitm = URI.create("ws://127.0.0.1:" + mitm.port() + "/chat?token=SECRET");

    assertThatThrownBy(
            () ->
                SocketXClient.connect(
                    viaMitm,
                    ClientOptions.builder()
                        .pin(real)
                        .connectTimeout(CEILING)
                        .handshakeTimeout(CEILING)
                        .build(),
                    new SocketXListener() {}))
        .isInstanceOfSatisfying(
            ProtocolViolationException.class,
            e -> assertThat(e.error()).isEqualTo(ProtocolError.PIN_MISMATCH))
        .hasMessageContaining(real.toString())
        .hasMessageContaining(mitm.keys.fingerprints().get(0).toString());
    assertThat(mitm.handshakesStarted).as("the MITM did answer the handshake").hasSize(1);
    assertThat(mitm.pathnames).as("pathnames the MITM saw").isEmpty();

    // the control: a client that pins nothing hands the MITM its pathname and token
    try (SocketXConnection unpinned =
        SocketXClient.connect(
            viaMitm,
            ClientOptions.builder()
                .allowUnpinnedProxy()
                .connectTimeout(CEILING)
                .handshakeTimeout(CEILING)
                .build(),
            new SocketXListener() {})) {
      assertThat(unpinned.proxyIdentity()).isEqualTo(mitm.keys.fingerprints().get(0));
    }
    assertThat(mitm.pathnames).containsExactly("/chat?token=SECRET");
  }

  @Test
  void neverLogsTheQueryOnlyThePathAndTheQuerySize() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger socketx = (Logger) LoggerFactory.getLogger("io.socketx");
    Level before = socketx.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    socketx.setLevel(Level.DEBUG);
    try {
      TestUpstream upstream = upstream();
      ProxyServer proxy = proxy(env(map(route("*", upstream.url("ws") + "/base", "*"))));
      TestClient client = client(proxy).handshake("/chat?token=SECRET-TOKEN");
      assertThat(upstream.handshakes.poll(CEILING.toSeconds(), TimeUnit.SECONDS).requestUri())
          .as("the upstream still gets the query")
          .isEqualTo("/base/chat?token=SECRET-TOKEN");
      client.assertEchoes("hi");
      client.closeWith(1000, "");
      await()
          .atMost(CEILING)
          .until(() -> logs.list.stream().anyMatch(e -> e.getLoggerName().endsWith(".audit")));
    } finally {
      root.detachAppender(logs);
      socketx.setLevel(before);
    }
    for (ILoggingEvent e : logs.list) {
      assertThat(everything(e)).as("log event %s", e.getMessage()).doesNotContain("SECRET-TOKEN");
    }
    ILoggingEvent audit =
        logs.list.stream().filter(e -> e.getLoggerName().endsWith(".audit")).findFirst().get();
    assertThat(everything(audit))
        .contains("upstream_server=ws://127.0.0.1:")
        .contains("/base/chat")
        .contains("upstream_query_bytes=18")
        .contains("route=*")
        .contains("close_code=1000")
        .contains("closed_by=client");
  }

  @Test
  void keyUpdatesWithALoweredLimitPassThroughTheProxy() throws Exception {
    TestUpstream upstream = upstream();
    TestClient client =
        client(proxyTo(upstream))
            .handshake(
                new ClientSettings(
                    Suite.X25519_MLKEM768,
                    "/",
                    TestIdentity.PINS,
                    ProtocolConstants.DEFAULT_DECODER_WINDOW,
                    new KeyLimits(3, 1 << 20)));
    for (int i = 0; i < 12; i++) {
      // with 3 records per key the client sends a KEY_UPDATE before every second message
      client.assertEchoes("message " + i);
    }
    for (int i = 0; i < 12; i++) {
      assertThat(upstream.received.poll(CEILING.toSeconds(), TimeUnit.SECONDS).string())
          .isEqualTo("message " + i);
    }
  }

  @Test
  void servesTwoIdentityKeysAndPicksUpARotatedFile() throws Exception {
    IdentityKey a = IdentityKey.generate(new SecureRandom());
    IdentityKey b = IdentityKey.generate(new SecureRandom());
    IdentityKey c = IdentityKey.generate(new SecureRandom());
    Path file = tmp.resolve("identity.pem");
    Files.writeString(file, IdentityKeys.of(a, b).toPem());
    TestUpstream upstream = upstream();
    Map<String, String> env = env(map(route("*", upstream.url("ws"), "*")));
    env.put("IDENTITY_KEY_FILE", file.toString());
    ProxyServer proxy = proxy(env);

    assertThat(identityPresentedTo(proxy, a)).isEqualTo(a.fingerprint());
    assertThat(identityPresentedTo(proxy, b)).isEqualTo(b.fingerprint());
    assertThat(identityPresentedTo(proxy, c))
        .as("unknown pin: the default key")
        .isEqualTo(a.fingerprint());

    // rotation: the operator rewrites the Secret; the proxy re-reads it on its TLS interval
    Files.writeString(file, IdentityKeys.of(b, c).toPem());
    assertThat(proxy.context().identity().reloadIfChanged()).isTrue();
    assertThat(identityPresentedTo(proxy, c)).isEqualTo(c.fingerprint());
    assertThat(identityPresentedTo(proxy, a)).isEqualTo(b.fingerprint());

    // a broken rewrite keeps the keys that work
    Files.writeString(file, "not a key");
    assertThat(proxy.context().identity().reloadIfChanged()).isFalse();
    client(proxy)
        .handshake(ClientSettings.of(Suite.X25519_MLKEM768, "/", Pins.of(c.fingerprint())))
        .assertEchoes("still served");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/../other-tenant/echo",
        "/a/%2e%2e/%2E%2e/other",
        "/./x",
        "/..%2f..%2fother",
        "/a%5c..%5cother",
        "/a\\..\\other"
      })
  void refusesPathnamesThatCouldEscapeTheRoutesBasePath(String pathname) throws Exception {
    TestUpstream upstream = upstream();
    Map<String, String> env = env(map(route("*", upstream.url("ws") + "/tenant-a", "*")));
    env.put("MTE_KYBER_STRENGTH", "0"); // the raw client speaks suite x25519
    ProxyServer proxy = proxy(env);
    // the raw client is checked first: the same handshake with a harmless pathname opens
    TestClient honest = client(proxy);
    RawV2Client raw = new RawV2Client();
    honest.sendBinary(ByteBuffer.wrap(raw.hello()));
    honest.sendBinary(ByteBuffer.wrap(raw.finished(honest.nextBinary(), "/echo")));
    assertThat(upstream.handshakes.poll(CEILING.toSeconds(), TimeUnit.SECONDS).requestUri())
        .isEqualTo("/tenant-a/echo");

    TestClient evil = client(proxy);
    RawV2Client rawEvil = new RawV2Client();
    evil.sendBinary(ByteBuffer.wrap(rawEvil.hello()));
    evil.sendBinary(ByteBuffer.wrap(rawEvil.finished(evil.nextBinary(), pathname)));
    assertThat(evil.awaitClose().code()).isEqualTo(ProtocolError.INVALID_PATHNAME.closeCode());
    assertThat(upstream.handshakes).as("upstream connections for %s", pathname).isEmpty();
  }

  /** The identity the proxy proves to a client pinning only {@code pinned}; the handshake stops. */
  private Fingerprint identityPresentedTo(ProxyServer proxy, IdentityKey pinned) throws Exception {
    TestClient client = client(proxy);
    try {
      Event event = client.hello(Pins.of(pinned.fingerprint()));
      assertThat(event).isInstanceOf(Event.Established.class);
      return ((Event.Established) event).proxyIdentity();
    } catch (ProtocolException e) {
      assertThat(e.error()).isEqualTo(ProtocolError.PIN_MISMATCH);
      // the presented fingerprint is the first one named in the message
      String message = e.getMessage();
      int at = message.indexOf("sha256:");
      return Fingerprint.parse(message.substring(at, message.indexOf(' ', at)));
    }
  }

  private static String everything(ILoggingEvent e) {
    StringBuilder all = new StringBuilder(e.getFormattedMessage());
    if (e.getMarkerList() != null) {
      e.getMarkerList().forEach(m -> all.append(' ').append(m));
    }
    if (e.getArgumentArray() != null) {
      all.append(' ').append(Arrays.deepToString(e.getArgumentArray()));
    }
    if (e.getKeyValuePairs() != null) {
      all.append(' ').append(e.getKeyValuePairs());
    }
    return all.toString();
  }
}
