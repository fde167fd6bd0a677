package io.socketx.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.socketx.bench.report.LoadReport;
import io.socketx.bench.upstream.UpstreamOptions;
import io.socketx.bench.upstream.UpstreamServer;
import io.socketx.billing.MessageMeter;
import io.socketx.proxy.ProxyServer;
import io.socketx.proxy.config.ConfigLoader;
import io.socketx.proxy.metrics.ProxyMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short smoke of the harness: the echo upstream and the load generator run in-process on loopback
 * with a tiny load for about a second each. It asserts that traffic flowed and the report parses,
 * never how fast it was.
 */
class HarnessSmokeTest {
  @TempDir Path dir;

  private static UpstreamServer echo(UpstreamOptions.Protocol protocol) throws Exception {
    return new UpstreamServer(UpstreamOptions.loopbackEcho(protocol)).start();
  }

  private static LoadReport load(UpstreamServer upstream, Path json, String... extra)
      throws Exception {
    return BenchLoad.run("ws://127.0.0.1:" + upstream.port() + "/echo", json, extra);
  }

  @Test
  void plainModeEchoesThroughTheUpstreamAndWritesAParsableReport() throws Exception {
    Path json = dir.resolve("plain.json");
    try (UpstreamServer upstream = echo(UpstreamOptions.Protocol.PLAIN)) {
      LoadReport report =
          load(
              upstream,
              json,
              "--mode",
              "plain",
              "--in-flight",
              "2",
              "--watch-pids",
              Long.toString(ProcessHandle.current().pid()));

      assertThat(report.messagesReceived()).isPositive();
      // one snapshot: every echo in the window is in both the count and the histogram
      assertThat(report.latency().count()).isEqualTo(report.messagesReceived());
      assertThat(report.latency().p99()).isGreaterThanOrEqualTo(report.latency().p50());
      // each rate is rounded to 0.1/s on its own: they agree to 64 x 0.05 + 0.05 bytes/s
      assertThat(report.bytesPerSecond())
          .isCloseTo(report.messagesPerSecond() * 64, Offset.offset(3.3));
      assertThat(report.errors()).isZero();
      assertThat(report.established()).isEqualTo(2);
      assertThat(upstream.messages()).isGreaterThanOrEqualTo(report.messagesReceived());
      // this JVM runs generator and upstream: it must have used CPU in the window
      assertThat(report.watchedCpuSeconds()).isPositive();
      assertThat(report.watchedCpuMicrosPerMessage()).isPositive();
      assertThat(report.machineBusy()).isBetween(0.0, 1.0);
    }
    assertThat(Files.readString(json)).contains("\"messagesPerSecond\"", "\"p999\"");
  }

  @Test
  void wssClientLegCompletesTlsAndEchoes() throws Exception {
    Instant now = Instant.now();
    X509Bundle ca =
        new CertificateBuilder()
            .subject("CN=bench-ca")
            .setIsCertificateAuthority(true)
            .notBefore(now.minus(1, ChronoUnit.HOURS))
            .notAfter(now.plus(1, ChronoUnit.DAYS))
            .ecp256()
            .buildSelfSigned();
    X509Bundle cert =
        new CertificateBuilder()
            .subject("CN=bench-upstream")
            .notBefore(now.minus(1, ChronoUnit.HOURS))
            .notAfter(now.plus(1, ChronoUnit.DAYS))
            .ecp256()
            .addExtendedKeyUsageServerAuth()
            .addSanIpAddress("127.0.0.1")
            .buildIssuedBy(ca);
    UpstreamOptions tls =
        UpstreamOptions.loopbackEcho(UpstreamOptions.Protocol.PLAIN)
            .withTls(cert.toTempCertChainPem().toPath(), cert.toTempPrivateKeyPem().toPath());
    try (UpstreamServer upstream = new UpstreamServer(tls).start()) {
      LoadReport report =
          load(
              upstream,
              dir.resolve("wss.json"),
              "--url",
              "wss://127.0.0.1:" + upstream.port() + "/",
              "--tls-ciphers",
              "TLS_AES_256_GCM_SHA384");

      assertThat(report.url()).startsWith("wss://");
      assertThat(report.transport()).matches("(epoll|nio)\\+(openssl|jdk)");
      assertThat(report.messagesReceived()).isPositive();
      assertThat(report.errors()).isZero();
    }
  }

  @Test
  void socketxModeHandshakesAndExchangesEncryptedRecords() throws Exception {
    try (UpstreamServer responder = echo(UpstreamOptions.Protocol.SOCKETX)) {
      LoadReport report =
          load(responder, dir.resolve("socketx.json"), "--mode", "socketx", "--suite", "768");

      assertThat(report.mode()).isEqualTo("socketx");
      assertThat(report.messagesReceived()).isPositive();
      assertThat(report.errors()).isZero();
      assertThat(responder.messages()).isGreaterThanOrEqualTo(report.messagesReceived());
    }
  }

  @Test
  void socketxModeRelaysThroughTheRealProxy() throws Exception {
    try (UpstreamServer upstream = echo(UpstreamOptions.Protocol.PLAIN);
        ProxyServer proxy = demoProxyTo(upstream)) {
      LoadReport messages =
          load(
              upstream,
              dir.resolve("proxy.json"),
              "--url",
              "ws://127.0.0.1:" + proxy.port() + "/",
              "--mode",
              "socketx",
              "--suite",
              "768");
      LoadReport handshakes =
          load(
              upstream,
              dir.resolve("proxy-handshakes.json"),
              "--url",
              "ws://127.0.0.1:" + proxy.port() + "/",
              "--mode",
              "socketx",
              "--scenario",
              "handshakes",
              "--suite",
              "768");

      assertThat(messages.messagesReceived()).isPositive();
      assertThat(messages.errors()).isZero();
      assertThat(upstream.messages()).isGreaterThanOrEqualTo(messages.messagesReceived());
      assertThat(handshakes.handshakes()).isGreaterThan(1);
      assertThat(handshakes.errors()).isZero();
    }
  }

  /** The proxy as bench/scripts/baseline.sh runs it, in-process, with a demo identity key. */
  private static ProxyServer demoProxyTo(UpstreamServer upstream) throws Exception {
    Map<String, String> env =
        Map.of(
            "LISTEN_HOST", "127.0.0.1",
            "LISTEN_PORT", "0",
            "ADMIN_HOST", "127.0.0.1",
            "ADMIN_PORT", "0",
            "UPSTREAM_ALLOW", "loopback",
            // one source opening handshakes back to back, as in the benchmark: no admission limits
            "HANDSHAKE_RATE", "0",
            "HANDSHAKE_RATE_PER_SOURCE", "0",
            "MAX_CONCURRENT_HANDSHAKES_PER_SOURCE", "0",
            "DOMAIN_MAP",
                "{\"*\":{\"upstream\":\"ws://127.0.0.1:"
                    + upstream.port()
                    + "\",\"allowedOrigins\":[\"*\"]}}");
    return new ProxyServer(ConfigLoader.loadForDemo(env), new ProxyMetrics(), MessageMeter.NOOP)
        .start();
  }

  @Test
  void handshakeScenarioCompletesFullSocketxHandshakesRepeatedly() throws Exception {
    try (UpstreamServer responder = echo(UpstreamOptions.Protocol.SOCKETX)) {
      LoadReport report =
          load(
              responder,
              dir.resolve("handshakes.json"),
              "--mode",
              "socketx",
              "--scenario",
              "handshakes",
              "--suite",
              "0");

      assertThat(report.handshakes()).isGreaterThan(1);
      assertThat(report.handshakeLatency().count()).isEqualTo(report.handshakes());
      assertThat(report.errors()).isZero();
    }
  }

  @Test
  void handshakeScenarioAtARateStartsNewSessionsOpenLoop() throws Exception {
    try (UpstreamServer responder = echo(UpstreamOptions.Protocol.SOCKETX)) {
      LoadReport report =
          load(
              responder,
              dir.resolve("new-sessions.json"),
              "--mode",
              "socketx",
              "--scenario",
              "handshakes",
              "--rate",
              "20",
              "--suite",
              "0");

      assertThat(report.handshakes()).isPositive();
      assertThat(report.outcomes().attempts()).isPositive();
      assertThat(report.outcomes().refused()).isZero();
      assertThat(report.errors()).isZero();
    }
  }

  @Test
  void idleScenarioHoldsConnectionsFromSeveralSourceAddresses() throws Exception {
    Path ready = dir.resolve("ready.json");
    try (UpstreamServer upstream = echo(UpstreamOptions.Protocol.PLAIN)) {
      LoadReport report =
          load(
              upstream,
              dir.resolve("idle.json"),
              "--scenario",
              "idle",
              "--connections",
              "30",
              "--source-addresses",
              "3",
              "--idle-interval",
              "200ms",
              "--ready-file",
              ready.toString());

      assertThat(report.established()).isEqualTo(30);
      assertThat(report.errors()).isZero();
      assertThat(report.messagesReceived()).isPositive();
    }
    assertThat(Files.readString(ready)).contains("\"established\":30", "\"failed\":0");
  }

  @Test
  void openLoopSendsAtTheTargetRateAndMeasuresFromTheDueTime() throws Exception {
    try (UpstreamServer upstream = echo(UpstreamOptions.Protocol.PLAIN)) {
      LoadReport report = load(upstream, dir.resolve("open.json"), "--rate", "400");

      assertThat(report.targetRate()).isEqualTo(400);
      assertThat(report.messagesSent()).isPositive();
      assertThat(report.messagesReceived()).isPositive();
      assertThat(report.errors()).isZero();
    }
  }
}
