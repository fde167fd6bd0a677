package io.socketx.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.socketx.billing.MessageMeter;
import io.socketx.protocol.MessageType;
import io.socketx.protocol.v2.CloseNotice;
import io.socketx.protocol.v2.Event;
import io.socketx.proxy.ProxyServer;
import io.socketx.proxy.relay.CloseCodes;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelayTest extends ProxyTestSupport {
  @TempDir Path tmp;

  @Test
  void relaysTextAndBinaryBothWaysAndAppendsPathname() throws Exception {
    TestUpstream upstream = upstream();
    CountingMeter meter = new CountingMeter();
    ProxyServer proxy = proxy(env(map(route("*", upstream.url("ws") + "/base", "*"))), meter);
    TestClient client = client(proxy).handshake("/chat?room=1");

    assertThat(upstream.handshakes.poll(CEILING.toSeconds(), TimeUnit.SECONDS).requestUri())
        .isEqualTo("/base/chat?room=1");
    client.assertEchoes("hello");
    TestUpstream.Received hello = upstream.received.take();
    assertThat(hello.text()).isTrue();
    assertThat(hello.string()).isEqualTo("hello");

    byte[] binary = {0, 1, 2, (byte) 0xff};
    client.send(MessageType.BINARY, binary);
    Event.Data echoed = client.receive();
    assertThat(echoed.type()).isEqualTo(MessageType.BINARY);
    assertThat(bytes(echoed.payload())).containsExactly(binary);
    TestUpstream.Received atUpstream = upstream.received.take();
    assertThat(atUpstream.text()).isFalse();
    assertThat(atUpstream.data()).containsExactly(binary);

    assertThat(meter.decoded.get()).isEqualTo(2);
    assertThat(meter.encoded.get()).isEqualTo(2);
    String metrics = admin(proxy, "/metrics").body();
    assertThat(metrics)
        .contains("socketx_messages_decoded_total 2.0")
        .contains("socketx_messages_encoded_total 2.0")
        .contains("socketx_handshakes_total{result=\"success\"} 1.0")
        .contains("socketx_connections_open 1.0");
  }

  /**
   * Both AES-GCM providers relay both ways; the sizes cover every WebSocket length encoding of the
   * frames the relay writes itself (payload and record lengths of up to 125, 126 to 65,535, more).
   */
  @ParameterizedTest(name = "CRYPTO_PROVIDER={0}")
  @CsvSource({"jdk, SunJCE", "accp, AmazonCorrettoCryptoProvider"})
  void relaysBothWaysWithEitherAesGcmProvider(String setting, String provider) throws Exception {
    TestUpstream upstream = upstream();
    Map<String, String> env = env(map(route("*", upstream.url("ws"), "*")));
    env.put("CRYPTO_PROVIDER", setting);
    ProxyServer proxy = proxy(env);
    assertThat(proxy.context().sessionSettings().aesGcm().name()).isEqualTo(provider);
    TestClient client = client(proxy).handshake("/");

    for (int size : new int[] {0, 94, 95, 125, 126, 65_504, 65_505, 70_000}) {
      byte[] payload = new byte[size];
      new java.util.Random(size).nextBytes(payload);
      client.send(MessageType.BINARY, payload);
      assertThat(upstream.received.poll(CEILING.toSeconds(), TimeUnit.SECONDS).data())
          .as("%s bytes upstream", size)
          .isEqualTo(payload);
      Event.Data echoed = client.receive();
      assertThat(echoed.type()).isEqualTo(MessageType.BINARY);
      assertThat(bytes(echoed.payload())).as("%s bytes back", size).isEqualTo(payload);
    }
    client.assertEchoes("text through " + provider);
    assertThat(upstream.received.poll(CEILING.toSeconds(), TimeUnit.SECONDS).string())
        .isEqualTo("text through " + provider);
  }

  @Test
  void echoesSocketxSubprotocolWhenOffered() throws Exception {
    TestUpstream upstream = upstream();
    ProxyServer proxy = proxyTo(upstream);
    TestClient offering =
        client(proxy, new TestClient.Options().subprotocol("socketx.v2")).handshake("/");
    assertThat(offering.selectedSubprotocol()).isEqualTo("socketx.v2");
    offering.assertEchoes("with subprotocol");
    TestClient plain = client(proxy).handshake("/");
    assertThat(plain.selectedSubprotocol()).isNull();
    plain.assertEchoes("without subprotocol");
  }

  @Test
  void resolvesUpstreamHostNames() throws Exception {
    TestUpstream upstream = upstream();
    ProxyServer proxy =
        proxy(env(map(route("*", "ws://localhost:" + upstream.port() + "/named", "*"))));
    client(proxy).handshake("/").assertEchoes("found by name");
    assertThat(upstream.handshakes.poll(CEILING.toSeconds(), TimeUnit.SECONDS).requestUri())
        .isEqualTo("/named/");
  }

  @Test
  void relaysThroughWssUpstreamTrustedViaCaFile() throws Exception {
    TestPki pki = TestPki.create(tmp.resolve("pki"), "Upstream CA", true);
    TestUpstream upstream = upstream(pki.serverContext(), 1 << 20);
    Map<String, String> env = env(map(route("*", upstream.url("wss"), "*")));
    env.put("UPSTREAM_CA_FILE", pki.caFile.toString());
    TestClient client = client(proxy(env)).handshake("/");
    client.assertEchoes("over tls");
  }

  @Test
  void refusesWssUpstreamWhoseCertificateDoesNotNameTheHost() throws Exception {
    TestPki pki = TestPki.create(tmp.resolve("pki"), "Upstream CA", false);
    TestUpstream upstream = upstream(pki.serverContext(), 1 << 20);
    Map<String, String> env = env(map(route("*", upstream.url("wss"), "*")));
    env.put("UPSTREAM_CA_FILE", pki.caFile.toString());
    TestClient client = client(proxy(env));
    client.established("/");
    assertThat(client.awaitCloseRecord())
        .isEqualTo(
            new CloseNotice(
                CloseNotice.Origin.SOCKETX, CloseCodes.BAD_GATEWAY, "upstream unavailable"));
    assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.BAD_GATEWAY);
    assertThat(upstream.handshakes).isEmpty();
  }

  @Test
  void skipsHostnameCheckOnlyWhenDisabled() throws Exception {
    TestPki pki = TestPki.create(tmp.resolve("pki"), "Upstream CA", false);
    TestUpstream upstream = upstream(pki.serverContext(), 1 << 20);
    Map<String, String> env = env(map(route("*", upstream.url("wss"), "*")));
    env.put("UPSTREAM_CA_FILE", pki.caFile.toString());
    env.put("UPSTREAM_TLS_VERIFY_HOSTNAME", "false");
    client(proxy(env)).handshake("/").assertEchoes("no hostname check");
  }

  @Test
  void closesClientWith1014WhenUpstreamIsDown() throws Exception {
    int deadPort;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort();
    }
    TestUpstream healthy = upstream();
    ProxyServer proxy =
        proxy(
            env(
                map(
                    route("down.test", "ws://127.0.0.1:" + deadPort, "*"),
                    route("*", healthy.url("ws"), "*"))));
    TestClient bystander = client(proxy).handshake("/");
    TestClient client = client(proxy, new TestClient.Options().host("down.test"));
    client.established("/");
    assertThat(client.awaitCloseRecord().code()).isEqualTo(CloseCodes.BAD_GATEWAY);
    TestClient.Closed closed = client.awaitClose();
    assertThat(closed.code()).isEqualTo(CloseCodes.BAD_GATEWAY);
    assertThat(closed.reason()).isEqualTo("upstream unavailable");
    bystander.assertEchoes("still here");
    assertThat(admin(proxy, "/metrics").body())
        .contains("socketx_upstream_failures_total{reason=\"connect_refused\"} 1.0");
  }

  @Test
  void forwardsUpstreamCloseCodeAndReasonToClient() throws Exception {
    TestUpstream upstream = upstream();
    ProxyServer proxy = proxyTo(upstream);
    TestClient client = client(proxy).handshake("/");
    TestClient bystander = client(proxy).handshake("/");
    io.netty.channel.Channel first = upstream.connections.take();
    first.writeAndFlush(new TextWebSocketFrame("last words"));
    first.writeAndFlush(new CloseWebSocketFrame(4001, "bye"));
    assertThat(client.receiveText()).isEqualTo("last words");
    // the upstream's 4001 travels authenticated, marked as the upstream's, never as SocketX's 4001
    assertThat(client.awaitCloseRecord()).isEqualTo(CloseNotice.upstream(4001, "bye"));
    assertThat(client.awaitClose()).isEqualTo(new TestClient.Closed(CloseCodes.NORMAL, ""));
    bystander.assertEchoes("unaffected");
    await().atMost(CEILING).until(() -> proxy.connections().size() == 1);
  }

  @Test
  void forwardsClientCloseCodeAndReasonUpstream() throws Exception {
    TestUpstream upstream = upstream();
    ProxyServer proxy = proxyTo(upstream);
    TestClient client = client(proxy).handshake("/");
    client.closeWith(4002, "later");
    assertThat(upstream.closes.poll(CEILING.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo(new TestUpstream.Closed(4002, "later"));
    assertThat(client.awaitClose()).isEqualTo(new TestClient.Closed(4002, "later"));
    await().atMost(CEILING).until(() -> proxy.connections().size() == 0);
  }

  @Test
  void treatsACloseFrameWithoutCloseRecordAsTruncatedAndTellsUpstreamTheClientWentAway()
      throws Exception {
    TestUpstream upstream = upstream();
    ProxyServer proxy = proxyTo(upstream);
    TestClient client = client(proxy).handshake("/");
    // unauthenticated: anyone on the path could have injected it, so it is not a normal close
    client.sendRaw(new CloseWebSocketFrame(4002, "forged"));
    assertThat(upstream.closes.poll(CEILING.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo(new TestUpstream.Closed(CloseCodes.GOING_AWAY, "client went away"));
    await().atMost(CEILING).until(() -> proxy.connections().size() == 0);
  }

  @Test
  void tellsUpstreamWhenClientDisappears() throws Exception {
    TestUpstream upstream = upstream();
    ProxyServer proxy = proxyTo(upstream);
    TestClient client = client(proxy).handshake("/");
    client.channel.close().sync();
    assertThat(upstream.closes.poll(CEILING.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo(new TestUpstream.Closed(CloseCodes.GOING_AWAY, "client went away"));
  }

  @Test
  void reassemblesFragmentedUpstreamMessage() throws Exception {
    TestUpstream upstream = upstream();
    ProxyServer proxy = proxyTo(upstream);
    TestClient client = client(proxy).handshake("/");
    io.netty.channel.Channel up = upstream.connections.take();
    up.write(
        new TextWebSocketFrame(
            false, 0, Unpooled.copiedBuffer("frag", java.nio.charset.StandardCharsets.UTF_8)));
    up.writeAndFlush(
        new io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame(
            true, 0, Unpooled.copiedBuffer("mented", java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(client.receiveText()).isEqualTo("fragmented");
  }

  @Test
  void relaysARecordTheClientSentInFragments() throws Exception {
    TestUpstream upstream = upstream();
    ProxyServer proxy = proxyTo(upstream);
    TestClient client = client(proxy).handshake("/");
    byte[] text = "split across three frames".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] record = bytes(client.encode(MessageType.TEXT, text));
    int a = record.length / 3;
    int b = 2 * record.length / 3;

    client.channel.write(
        new io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame(
            false, 0, Unpooled.wrappedBuffer(record, 0, a)));
    client.channel.write(
        new io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame(
            false, 0, Unpooled.wrappedBuffer(record, a, b - a)));
    client.channel.writeAndFlush(
        new io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame(
            true, 0, Unpooled.wrappedBuffer(record, b, record.length - b)));

    TestUpstream.Received atUpstream =
        upstream.received.poll(CEILING.toSeconds(), TimeUnit.SECONDS);
    assertThat(atUpstream.text()).isTrue();
    assertThat(atUpstream.data()).isEqualTo(text);
    client.sendText("and one whole");
    assertThat(upstream.received.poll(CEILING.toSeconds(), TimeUnit.SECONDS).string())
        .isEqualTo("and one whole");
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  /** A meter that counts, like the billing module's will. */
  static final class CountingMeter implements MessageMeter {
    final AtomicInteger encoded = new AtomicInteger();
    final AtomicInteger decoded = new AtomicInteger();

    @Override
    public void encoded() {
      encoded.incrementAndGet();
    }

    @Override
    public void decoded() {
      decoded.incrementAndGet();
    }
  }
}
