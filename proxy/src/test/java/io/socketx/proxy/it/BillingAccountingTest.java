package io.socketx.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketx.billing.BillingRuntime;
import io.socketx.billing.MessageMeter;
import io.socketx.billing.config.BillingConfig;
import io.socketx.billing.fakes.FakeMeteringApi;
import io.socketx.billing.fakes.MutableClock;
import io.socketx.billing.fakes.StaticToken;
import io.socketx.billing.fakes.TestBilling;
import io.socketx.billing.model.Dimension;
import io.socketx.billing.model.UsageKey;
import io.socketx.proxy.ProxyServer;
import io.socketx.proxy.config.ConfigLoader;
import io.socketx.proxy.metrics.ProxyMetrics;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Exact accounting end to end: messages through a real proxy, report cycles across an hour boundary
 * with an injected clock, and exactly those quantities at the (fake) Marketplace, once.
 */
class BillingAccountingTest extends ProxyTestSupport {
  private static final Instant TEN = Instant.parse("2026-11-24T10:00:00Z");
  private static final Instant ELEVEN = Instant.parse("2026-11-24T11:00:00Z");

  @Test
  void proxiedMessagesAreBilledPerHourAndDimensionExactlyOnce() throws Exception {
    FakeMeteringApi marketplace = track(new FakeMeteringApi(TestBilling.TOKEN));
    MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:59:00Z"));
    ProxyMetrics metrics = new ProxyMetrics();
    Map<String, String> env = TestBilling.env(marketplace, "local", "p0");
    // TestBilling.http(): trusts the fake's certificate, with a timeout so generous that a
    // client-side timeout (which would rightly resend an hour the API may already have accepted,
    // answered 409) cannot happen here; this test checks the path without faults: sent once
    BillingRuntime billing =
        BillingRuntime.builder(BillingConfig.fromEnv(env))
            .registry(metrics.registry())
            .clock(clock)
            .credential(new StaticToken(TestBilling.TOKEN))
            .azureHttp(TestBilling.http())
            .schedule(false)
            .start();
    track(billing);
    MessageMeter meter = billing.meter();
    TestUpstream upstream = upstream();
    ProxyServer proxy =
        track(
            new ProxyServer(
                    ConfigLoader.load(env(map(route("*", upstream.url("ws"), "*")))),
                    metrics,
                    meter)
                .start());
    TestClient client = client(proxy).handshake("/");

    for (int i = 0; i < 3; i++) {
      client.assertEchoes("ten o'clock " + i); // one decode (client -> upstream), one encode back
    }
    clock.set(ELEVEN.plusSeconds(30));
    for (int i = 0; i < 2; i++) {
      client.assertEchoes("eleven o'clock " + i);
    }
    billing.reportNow(); // hour 10 is closed: reported; hour 11 is still open
    assertThat(marketplace.billed(TestBilling.EXTENSION))
        .containsOnly(
            Map.entry(new UsageKey(TEN, Dimension.ENCODED_MESSAGES), 3.0),
            Map.entry(new UsageKey(TEN, Dimension.DECODED_MESSAGES), 3.0));

    clock.set(Instant.parse("2026-11-24T12:00:30Z"));
    billing.reportNow();
    billing.reportNow(); // nothing new: nothing sent again

    assertThat(marketplace.billed(TestBilling.EXTENSION))
        .containsOnly(
            Map.entry(new UsageKey(TEN, Dimension.ENCODED_MESSAGES), 3.0),
            Map.entry(new UsageKey(TEN, Dimension.DECODED_MESSAGES), 3.0),
            Map.entry(new UsageKey(ELEVEN, Dimension.ENCODED_MESSAGES), 2.0),
            Map.entry(new UsageKey(ELEVEN, Dimension.DECODED_MESSAGES), 2.0));
    assertThat(marketplace.received()).as("each hour and dimension sent once").hasSize(4);
  }
}
