package io.socketx.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketx.billing.BillingRuntime;
import io.socketx.billing.MessageMeter;
import io.socketx.proxy.ProxyServer;
import io.socketx.proxy.config.ConfigLoader;
import io.socketx.proxy.config.ProxyConfig;
import io.socketx.proxy.metrics.ProxyMetrics;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** request_based billing through the billing module, with every Azure endpoint on loopback. */
class MeteringTest extends ProxyTestSupport {
  // Nothing listens on port 9; metering and Resource Manager must be https (bearer tokens).
  private static final String DEAD = "127.0.0.1:9";

  @Test
  void countsEachProxyDataEncodeAndDecodeButNoHandshake() throws Exception {
    TestUpstream upstream = upstream();
    Map<String, String> env = env(map(route("*", upstream.url("ws"), "*")));
    env.putAll(
        Map.of(
            "BILLING_STRATEGY", "request_based",
            "BILLING_PROVIDER", "azure",
            "BILLING_PLAN_ID", "test-plan",
            "AZURE_RESOURCE_ID",
                "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/"
                    + "Microsoft.KubernetesConfiguration/extensions/socketx",
            "BILLING_COORDINATION", "local",
            "BILLING_REPORT_INTERVAL", "1h",
            "BILLING_METERING_ENDPOINT", "https://" + DEAD,
            "BILLING_IMDS_ENDPOINT", "http://" + DEAD,
            "BILLING_ARM_ENDPOINT", "https://" + DEAD));
    ProxyConfig config = ConfigLoader.load(env);
    ProxyMetrics metrics = new ProxyMetrics();
    BillingRuntime billing =
        track(BillingRuntime.start(config.billing(), metrics.registry(), Clock.systemUTC()));
    ProxyServer proxy = startWith(config, metrics, billing.meter());

    TestClient client = client(proxy).handshake("/");
    for (int i = 0; i < 3; i++) {
      client.assertEchoes("billable " + i);
    }
    String scrape = metrics.scrape();
    assertThat(billed(scrape, "encodedMessages")).isEqualTo(3.0);
    assertThat(billed(scrape, "decodedMessages")).isEqualTo(3.0);
  }

  private ProxyServer startWith(ProxyConfig config, ProxyMetrics metrics, MessageMeter meter)
      throws Exception {
    ProxyServer server = new ProxyServer(config, metrics, meter).start();
    track(() -> server.shutdown(java.time.Duration.ZERO));
    return server;
  }

  private static double billed(String scrape, String dimension) {
    Matcher m =
        Pattern.compile(
                "^socketx_billing_messages_total\\{[^}]*dimension=\""
                    + dimension
                    + "\"[^}]*} (\\S+)$",
                Pattern.MULTILINE)
            .matcher(scrape);
    assertThat(m.find()).as("billing counter %s in%n%s", dimension, scrape).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
