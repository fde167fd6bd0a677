package io.socketx.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketx.proxy.ProxyServer;
import io.socketx.proxy.admission.AdmissionControl;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Admission control before the upgrade: floods of raw upgrade requests get 503 with Retry-After
 * from the limit they hit, while a legitimate client elsewhere still connects. The rate limits read
 * a frozen ticker, so a bucket refills only when the test advances it.
 */
class AdmissionTest extends ProxyTestSupport {
  private static final String OTHER_SOURCE = "127.0.0.2";
  private final AtomicLong ticker = new AtomicLong();

  private ProxyServer proxy(TestUpstream upstream, Map<String, String> limits) throws Exception {
    Map<String, String> env = env(map(route("*", upstream.url("ws"), "*")));
    env.putAll(limits);
    return proxy(env, ticker::get);
  }

  /** Sends upgrades from 127.0.0.1 until one is refused; keeps the admitted ones open. */
  private RawUpgrade floodUntilRefused(ProxyServer proxy, int atMost) throws Exception {
    for (int i = 0; i < atMost; i++) {
      RawUpgrade upgrade = track(RawUpgrade.send(proxy.port()));
      if (upgrade.status() != 101) {
        return upgrade;
      }
    }
    throw new AssertionError("no refusal in " + atMost + " upgrades");
  }

  private static String refusals(ProxyServer proxy, String reason) throws Exception {
    String metrics = admin(proxy, "/metrics").body();
    String prefix = "socketx_upgrade_rejections_total{reason=\"" + reason + "\"} ";
    return metrics.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("none");
  }

  @Test
  void aSourceFloodingUpgradesGets503WhileAnotherSourceStillConnects() throws Exception {
    TestUpstream upstream = upstream();
    ProxyServer proxy =
        proxy(
            upstream, Map.of("HANDSHAKE_RATE_PER_SOURCE", "1", "HANDSHAKE_BURST_PER_SOURCE", "3"));

    RawUpgrade refused = floodUntilRefused(proxy, 4);
    for (int i = 0; i < 20; i++) {
      assertThat(track(RawUpgrade.send(proxy.port())).status()).isEqualTo(503);
    }

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.header("Retry-After")).isEqualTo("1");
    assertThat(refused.response).contains("{\"error\":\"source_rate\"}");
    assertThat(refusals(proxy, "source_rate")).endsWith(" 21.0");
    client(proxy, new TestClient.Options().source(OTHER_SOURCE))
        .handshake("/")
        .assertEchoes("another source is not limited");

    ticker.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(track(RawUpgrade.send(proxy.port())).status()).isEqualTo(101);
  }

  @Test
  void aSourceHoldingItsHandshakeQuotaGets503WhileAnotherSourceIsAdmitted() throws Exception {
    TestUpstream upstream = upstream();
    ProxyServer proxy = proxy(upstream, Map.of("MAX_CONCURRENT_HANDSHAKES_PER_SOURCE", "2"));

    // upgraded, then silent: each holds a handshake until HANDSHAKE_TIMEOUT
    RawUpgrade first = track(RawUpgrade.send(proxy.port()));
    RawUpgrade second = track(RawUpgrade.send(proxy.port()));
    RawUpgrade refused = track(RawUpgrade.send(proxy.port()));

    assertThat(List.of(first.status(), second.status())).containsOnly(101);
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.header("Retry-After")).isEqualTo("1");
    assertThat(refused.response).contains("{\"error\":\"source_concurrency\"}");
    assertThat(refusals(proxy, "source_concurrency")).endsWith(" 1.0");
    client(proxy, new TestClient.Options().source(OTHER_SOURCE))
        .handshake("/")
        .assertEchoes("another source still gets a handshake");

    first.close(); // a closed connection gives its source's handshake back
    await().atMost(CEILING).until(() -> proxy.context().admission().handshakesInProgress() == 1);
    assertThat(track(RawUpgrade.send(proxy.port())).status()).isEqualTo(101);
  }

  @Test
  void theWholeProxysRateIsSharedByAllSources() throws Exception {
    TestUpstream upstream = upstream();
    ProxyServer proxy = proxy(upstream, Map.of("HANDSHAKE_RATE", "2", "HANDSHAKE_BURST", "2"));

    assertThat(track(RawUpgrade.send(proxy.port())).status()).isEqualTo(101);
    assertThat(track(RawUpgrade.send(proxy.port(), OTHER_SOURCE, RawUpgrade.GOOD_HEADERS)).status())
        .isEqualTo(101);
    RawUpgrade refused = track(RawUpgrade.send(proxy.port(), "127.0.0.3", RawUpgrade.GOOD_HEADERS));

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.response).contains("{\"error\":\"handshake_rate\"}");
    assertThat(refused.header("Retry-After")).isEqualTo("1");
    ticker.addAndGet(Duration.ofMillis(500).toNanos()); // one token at 2 a second
    assertThat(track(RawUpgrade.send(proxy.port(), "127.0.0.3", RawUpgrade.GOOD_HEADERS)).status())
        .isEqualTo(101);
  }

  @Test
  void handshakesInProgressAreCappedAndAFinishedHandshakeFreesItsSlot() throws Exception {
    TestUpstream upstream = upstream();
    ProxyServer proxy = proxy(upstream, Map.of("MAX_CONCURRENT_HANDSHAKES", "2"));
    AdmissionControl admission = proxy.context().admission();

    TestClient finished = client(proxy).handshake("/");
    await().atMost(CEILING).until(() -> admission.handshakesInProgress() == 0);
    RawUpgrade first = track(RawUpgrade.send(proxy.port()));
    RawUpgrade second = track(RawUpgrade.send(proxy.port()));
    RawUpgrade refused =
        track(RawUpgrade.send(proxy.port(), OTHER_SOURCE, RawUpgrade.GOOD_HEADERS));

    assertThat(List.of(first.status(), second.status())).containsOnly(101);
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.response).contains("{\"error\":\"handshake_concurrency\"}");
    finished.assertEchoes("an open session holds no handshake slot");

    first.close(); // a closed connection gives its slot back
    await().atMost(CEILING).until(() -> admission.handshakesInProgress() == 1);
    client(proxy).handshake("/").assertEchoes("admitted again");
  }

  @Test
  void connectionsOverTheCapAreRefusedUntilOneCloses() throws Exception {
    TestUpstream upstream = upstream();
    ProxyServer proxy = proxy(upstream, Map.of("MAX_CONNECTIONS", "2"));
    AdmissionControl admission = proxy.context().admission();
    List<Socket> idle = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Socket socket = new Socket();
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port()));
      idle.add(track(socket));
    }
    await().atMost(CEILING).until(() -> admission.connections() == 2);

    RawUpgrade refused = track(RawUpgrade.send(proxy.port()));

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.response).contains("{\"error\":\"connection_limit\"}");
    assertThat(refusals(proxy, "connection_limit")).endsWith(" 1.0");
    refused.close();
    idle.get(0).close();
    await().atMost(CEILING).until(() -> admission.connections() == 1);
    client(proxy).handshake("/").assertEchoes("room again");
  }

  @Test
  void floodedAuditLinesAreCountedNotWritten() throws Exception {
    TestUpstream upstream = upstream();
    ProxyServer proxy =
        proxy(
            upstream,
            Map.of(
                "LOG_RATE_LIMIT", "1",
                "HANDSHAKE_RATE_PER_SOURCE", "1",
                "HANDSHAKE_BURST_PER_SOURCE", "1"));

    assertThat(track(RawUpgrade.send(proxy.port())).status()).isEqualTo(101);
    for (int i = 0; i < 5; i++) {
      assertThat(track(RawUpgrade.send(proxy.port())).status()).isEqualTo(503);
    }

    // one token: the first refusal's line was written, the other four counted
    assertThat(admin(proxy, "/metrics").body()).contains("socketx_log_suppressed_total 4.0");
    assertThat(proxy.context().logLimiter().summarize()).isEqualTo(4);
    assertThat(proxy.context().logLimiter().summarize()).isZero();
  }
}
