package io.socketx.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketx.bench.report.LoadReport;
import io.socketx.bench.upstream.UpstreamOptions;
import io.socketx.bench.upstream.UpstreamServer;
import io.socketx.billing.MessageMeter;
import io.socketx.protocol.v2.IdentityKey;
import io.socketx.protocol.v2.IdentityKeys;
import io.socketx.proxy.ProxyServer;
import io.socketx.proxy.config.ConfigLoader;
import io.socketx.proxy.metrics.ProxyMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each flood scenario against a real proxy on 127.0.0.1 with its production limits, only the limit
 * under test made tiny: the generator must count what the proxy answered. Counts are checked for
 * what the proxy must have done at least once, never for how many or how fast.
 */
class FloodScenariosTest {
  @TempDir Path dir;

  private UpstreamServer upstream;
  private ProxyServer proxy;
  private final ProxyMetrics metrics = new ProxyMetrics();

  @BeforeEach
  void startUpstream() throws Exception {
    upstream = new UpstreamServer(UpstreamOptions.loopbackEcho(UpstreamOptions.Protocol.PLAIN));
    upstream.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (proxy != null) {
      proxy.shutdown(Duration.ZERO);
    }
    upstream.close();
  }

  /** A proxy with the production defaults, except what {@code overrides} sets. */
  private String proxy(String... overrides) throws Exception {
    Path identity = dir.resolve("identity.pem");
    Files.writeString(identity, IdentityKeys.of(IdentityKey.generate(new SecureRandom())).toPem());
    Map<String, String> env = new HashMap<>();
    env.put("LISTEN_HOST", "127.0.0.1");
    env.put("LISTEN_PORT", "0");
    env.put("ADMIN_HOST", "127.0.0.1");
    env.put("ADMIN_PORT", "0");
    env.put("HANDSHAKE_WARMUP", "0");
    env.put("UPSTREAM_ALLOW", "loopback");
    env.put("IDENTITY_KEY_FILE", identity.toString());
    env.put(
        "DOMAIN_MAP",
        "{\"*\": {\"upstream\": \"ws://127.0.0.1:"
            + upstream.port()
            + "\", \"allowedOrigins\": [\"*\"]}}");
    for (int i = 0; i < overrides.length; i += 2) {
      env.put(overrides[i], overrides[i + 1]);
    }
    proxy = new ProxyServer(ConfigLoader.load(env), metrics, MessageMeter.NOOP).start();
    return "ws://127.0.0.1:" + proxy.port() + "/";
  }

  /** The proxy's count of upgrades refused for {@code reason}, or for any reason with "". */
  private double rejections(String reason) {
    String prefix = "socketx_upgrade_rejections_total{reason=\"" + reason;
    return metrics
        .scrape()
        .lines()
        .filter(l -> l.startsWith(prefix))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  @ParameterizedTest(name = "{0}={1} -> {4}")
  @CsvSource({
    "HANDSHAKE_RATE,            1, HANDSHAKE_BURST,            1, handshake_rate",
    "HANDSHAKE_RATE_PER_SOURCE, 1, HANDSHAKE_BURST_PER_SOURCE, 1, source_rate",
  })
  void handshakeFloodOverARateLimitIsRefusedWith503AndRetryAfter(
      String rate, String perSecond, String burst, String tokens, String reason) throws Exception {
    String url = proxy(rate, perSecond, burst, tokens);

    LoadReport report =
        BenchLoad.run(
            url,
            dir.resolve("handshake-flood.json"),
            "--scenario",
            "handshake-flood",
            "--connections",
            "4",
            "--source-addresses",
            "3",
            "--first-source-address",
            "127.0.0.20",
            "--suite",
            "1024",
            "--duration",
            "2s");

    assertThat(report.scenario()).isEqualTo("handshake-flood");
    assertThat(report.outcomes().refused()).isPositive();
    assertThat(report.outcomes().refusedWithRetryAfter()).isEqualTo(report.outcomes().refused());
    assertThat(report.errors()).isZero();
    assertThat(rejections(reason)).isPositive();
    // the proxy counted at least every refusal the generator saw in its window
    assertThat(rejections("")).isGreaterThanOrEqualTo(report.outcomes().refused());
  }

  @ParameterizedTest(name = "{0}=2 -> {1}")
  @CsvSource({
    "MAX_CONCURRENT_HANDSHAKES,            handshake_concurrency",
    "MAX_CONCURRENT_HANDSHAKES_PER_SOURCE, source_concurrency",
  })
  void upgradeFloodFillsTheHandshakeSlotsAndIsRefusedBeyondThem(String limit, String reason)
      throws Exception {
    String url = proxy(limit, "2");

    LoadReport report =
        BenchLoad.run(
            url,
            dir.resolve("upgrade-flood.json"),
            "--scenario",
            "upgrade-flood",
            "--connections",
            "6",
            "--duration",
            "2s");

    assertThat(report.outcomes().refused()).isPositive();
    assertThat(report.outcomes().refusedWithRetryAfter()).isEqualTo(report.outcomes().refused());
    assertThat(report.errors()).isZero();
    assertThat(rejections(reason)).isPositive();
    assertThat(rejections("")).isGreaterThanOrEqualTo(report.outcomes().refused());
  }

  @Test
  void pingFloodThatNeverReadsIsClosedByTheKeepaliveItNeverAnswers() throws Exception {
    // The proxy answers only the latest ping (one pong in flight), so the flood queues nothing
    // and no buffer bound is reached; a flooder that never reads never answers the proxy's own
    // pings either, and the keepalive closes it (1001). A fast keepalive makes that come quickly.
    String url =
        proxy(
            "MAX_MESSAGE_SIZE",
            "4096",
            "CLIENT_PING_INTERVAL",
            "100ms",
            "CLIENT_PONG_TIMEOUT",
            "1s");

    LoadReport report =
        BenchLoad.run(
            url,
            dir.resolve("ping-flood.json"),
            "--scenario",
            "ping-flood",
            "--connections",
            "2",
            "--receive-buffer",
            "4k",
            // the flooder never reads its close frame: the proxy drops the connection after its
            // 5 s close grace, which the still-sending flooder sees as a reset
            "--duration",
            "15s");

    assertThat(report.messagesSent()).isPositive();
    assertThat(report.outcomes().closedByServer()).isPositive();
    assertThat(report.errors()).isZero();
  }
}
