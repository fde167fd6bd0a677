package io.socketx.billing;

import static io.socketx.billing.model.Dimension.DECODED_MESSAGES;
import static io.socketx.billing.model.Dimension.ENCODED_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.socketx.billing.azure.ResourceIdUnavailableException;
import io.socketx.billing.config.BillingConfig;
import io.socketx.billing.fakes.FakeMeteringApi;
import io.socketx.billing.fakes.FakeMeteringApi.Fault;
import io.socketx.billing.fakes.MutableClock;
import io.socketx.billing.fakes.StaticToken;
import io.socketx.billing.fakes.TestBilling;
import io.socketx.billing.model.UsageKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Single-process billing (coordination=local) against the fake metering API. */
class BillingRuntimeTest {
  static final String EXTENSION =
      "/subscriptions/s/resourceGroups/g/providers/Microsoft.KubernetesConfiguration/extensions/socketx";
  static final Instant H10 = Instant.parse("2026-03-01T10:00:00Z");
  static final Instant H11 = H10.plus(Duration.ofHours(1));
  static final Instant H12 = H10.plus(Duration.ofHours(2));

  private final FakeMeteringApi api = new FakeMeteringApi("metering-token");
  private final StaticToken token = new StaticToken("metering-token");
  private final MutableClock clock = new MutableClock(H10.plus(Duration.ofMinutes(50)));
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private BillingRuntime runtime;

  @AfterEach
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
    api.close();
  }

  static Map<String, String> env(FakeMeteringApi api) {
    return TestBilling.env(api, "local", "proxy-a");
  }

  private BillingRuntime start(BillingRuntime.Builder builder) {
    runtime =
        builder
            .registry(registry)
            .clock(clock)
            .credential(token)
            .azureHttp(TestBilling.http())
            .schedule(false)
            .start();
    return runtime;
  }

  private BillingRuntime start() {
    return start(BillingRuntime.builder(BillingConfig.fromEnv(env(api))));
  }

  private double reports(String outcome, String reason) {
    var c =
        registry
            .find(BillingMetrics.REPORTS)
            .tag("outcome", outcome)
            .tag("reason", reason)
            .counter();
    return c == null ? 0 : c.count();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  @Test
  void reportsExactQuantitiesPerHourAndDimensionOnceAcrossTheHourBoundary() {
    MessageMeter meter = start().meter();
    TestBilling.traffic(meter, 100, 40); // 10:50
    clock.set(H11.minusMillis(1));
    TestBilling.traffic(meter, 1, 0); // last millisecond of 10:00
    clock.set(H11);
    TestBilling.traffic(meter, 7, 3); // first instant of 11:00
    clock.set(H11.plus(Duration.ofMinutes(5)));

    ReportSummary first = runtime.reportNow();

    assertThat(first.accepted()).isEqualTo(2);
    assertThat(api.billed(EXTENSION))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                new UsageKey(H10, ENCODED_MESSAGES),
                101.0,
                new UsageKey(H10, DECODED_MESSAGES),
                40.0));
    assertThat(gauge(BillingMetrics.LAST_SUCCESS)).isEqualTo(clock.instant().getEpochSecond());

    clock.set(H12.minusSeconds(1));
    TestBilling.traffic(meter, 2, 0);
    clock.set(H12);
    TestBilling.traffic(meter, 5, 0); // hour 12 is still open at the next cycle
    clock.set(H12.plus(Duration.ofMinutes(10)));
    runtime.reportNow();
    clock.advance(Duration.ofMinutes(15));
    runtime.reportNow();

    assertThat(api.billed(EXTENSION))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                new UsageKey(H10, ENCODED_MESSAGES), 101.0,
                new UsageKey(H10, DECODED_MESSAGES), 40.0,
                new UsageKey(H11, ENCODED_MESSAGES), 9.0,
                new UsageKey(H11, DECODED_MESSAGES), 3.0));
    assertThat(api.received()).hasSize(4);
    assertThat(reports("accepted", "Accepted")).isEqualTo(4);
    assertThat(
            registry
                .get(BillingMetrics.MESSAGES)
                .tag("dimension", "encodedMessages")
                .functionCounter()
                .count())
        .isEqualTo(115);
    assertThat(gauge(BillingMetrics.PENDING)).isZero();
  }

  @Test
  void apiDownForSeveralCyclesThenUpLosesAndDoublesNothing() {
    MessageMeter meter = start().meter();
    TestBilling.traffic(meter, 30, 20);
    api.fault(Fault.HTTP_500);
    clock.set(H11.plus(Duration.ofMinutes(5)));
    assertThat(runtime.reportNow().failed()).isEqualTo(2);
    TestBilling.traffic(meter, 4, 0); // traffic continues during the outage
    clock.advance(Duration.ofMinutes(15));
    api.fault(Fault.DROP);
    assertThat(runtime.reportNow().failed()).isEqualTo(2); // connection closed unanswered
    clock.advance(Duration.ofMinutes(15));
    assertThat(runtime.reportNow().backedOff()).isTrue(); // second failure: wait 2 intervals
    api.fault(Fault.HTTP_429);
    clock.advance(Duration.ofMinutes(15));
    assertThat(runtime.reportNow().failed()).isEqualTo(2);
    assertThat(gauge(BillingMetrics.PENDING)).isEqualTo(2);
    assertThat(api.received()).isEmpty();

    api.fault(Fault.NONE);
    clock.advance(Duration.ofHours(1));
    ReportSummary recovered = runtime.reportNow();
    runtime.reportNow();
    clock.advance(Duration.ofMinutes(15));
    runtime.reportNow();

    assertThat(recovered.accepted()).isEqualTo(3); // hour 10 (both) and hour 11 (encoded)
    assertThat(api.billed(EXTENSION))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                new UsageKey(H10, ENCODED_MESSAGES), 30.0,
                new UsageKey(H10, DECODED_MESSAGES), 20.0,
                new UsageKey(H11, ENCODED_MESSAGES), 4.0));
    assertThat(api.received()).hasSize(3);
    assertThat(reports("failed", "http_5xx")).isEqualTo(2);
    assertThat(reports("failed", "network")).isEqualTo(2);
    assertThat(reports("failed", "http_429")).isEqualTo(2);
    assertThat(gauge(BillingMetrics.PENDING)).isZero();
  }

  @Test
  void duplicateWithADifferentQuantityIsADiscrepancyAndIsNotRetried() {
    api.preAccept(EXTENSION, new UsageKey(H10, ENCODED_MESSAGES), 99);
    api.preAccept(EXTENSION, new UsageKey(H10, DECODED_MESSAGES), 5);
    MessageMeter meter = start().meter();
    TestBilling.traffic(meter, 100, 5);
    clock.set(H11.plus(Duration.ofMinutes(5)));

    ReportSummary summary = runtime.reportNow();
    clock.advance(Duration.ofMinutes(15));
    runtime.reportNow();

    assertThat(summary.discrepancies()).isEqualTo(1);
    assertThat(summary.duplicates()).isEqualTo(1);
    assertThat(reports("discrepancy", "Duplicate")).isEqualTo(1);
    assertThat(reports("duplicate", "Duplicate")).isEqualTo(1);
    assertThat(api.received()).hasSize(2);
    assertThat(gauge(BillingMetrics.PENDING)).isZero();
  }

  @Test
  void expiredIsLoggedCountedAndNeverRetried() {
    api.expire(H10);
    MessageMeter meter = start().meter();
    TestBilling.traffic(meter, 3, 0);
    clock.set(H11.plus(Duration.ofMinutes(5)));
    assertThat(runtime.reportNow().rejected()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(15));
    assertThat(runtime.reportNow().rejected()).isZero();
    assertThat(api.received()).hasSize(1);
    assertThat(reports("rejected", "Expired")).isEqualTo(1);
  }

  @Test
  void hoursThatLeftTheApiWindowUnsentAreRejectedWithoutSending() {
    api.fault(Fault.HTTP_500);
    MessageMeter meter = start().meter();
    TestBilling.traffic(meter, 3, 0);
    clock.set(H11.plus(Duration.ofMinutes(5)));
    runtime.reportNow();
    api.fault(Fault.NONE);
    clock.set(H10.plus(Duration.ofHours(24)));
    assertThat(runtime.reportNow().rejected()).isEqualTo(1);
    assertThat(api.received()).isEmpty();
    assertThat(reports("rejected", "expired_unsent")).isEqualTo(1);
  }

  @Test
  void tokenFailureIsRetriedOnALaterCycle() {
    MessageMeter meter = start().meter();
    TestBilling.traffic(meter, 8, 0);
    token.failing(true);
    clock.set(H11.plus(Duration.ofMinutes(5)));
    assertThat(runtime.reportNow().failed()).isEqualTo(1);
    token.failing(false);
    clock.advance(Duration.ofMinutes(15));
    assertThat(runtime.reportNow().accepted()).isEqualTo(1);
    assertThat(reports("failed", "token")).isEqualTo(1);
    assertThat(api.billed(EXTENSION)).containsEntry(new UsageKey(H10, ENCODED_MESSAGES), 8.0);
  }

  @Test
  void missingResourceIdIsCountedAndTrafficKeepsBeingCounted() {
    AtomicBoolean known = new AtomicBoolean();
    Map<String, String> env = env(api);
    env.remove("AZURE_RESOURCE_ID");
    MessageMeter meter =
        start(
                BillingRuntime.builder(BillingConfig.fromEnv(env))
                    .resourceIds(
                        () -> {
                          if (!known.get()) {
                            throw new ResourceIdUnavailableException(
                                "AZURE_RESOURCE_ID is not set and IMDS failed", null);
                          }
                          return EXTENSION;
                        }))
            .meter();
    TestBilling.traffic(meter, 6, 0);
    clock.set(H11.plus(Duration.ofMinutes(5)));
    runtime.reportNow();
    TestBilling.traffic(meter, 1, 0);
    assertThat(registry.get(BillingMetrics.RESOURCE_ID_FAILURES).counter().count()).isEqualTo(1);
    assertThat(gauge(BillingMetrics.PENDING)).isEqualTo(1);

    known.set(true);
    clock.advance(Duration.ofMinutes(15));
    runtime.reportNow();
    assertThat(api.billed(EXTENSION)).containsEntry(new UsageKey(H10, ENCODED_MESSAGES), 6.0);
  }

  @Test
  void anUnknownResourceIdIsReportedAtStartUp() {
    Map<String, String> env = env(api);
    env.remove("AZURE_RESOURCE_ID");
    runtime =
        BillingRuntime.builder(BillingConfig.fromEnv(env))
            .registry(registry)
            .clock(clock)
            .credential(token)
            .azureHttp(TestBilling.http())
            .resourceIds(
                () -> {
                  throw new ResourceIdUnavailableException("AZURE_RESOURCE_ID is not set", null);
                })
            .start();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> registry.get(BillingMetrics.RESOURCE_ID_FAILURES).counter().count() == 1);
    runtime.meter().encoded(); // traffic is still counted
    assertThat(api.received()).isEmpty();
  }

  @Test
  void providerNoneCountsWithoutSending() {
    Map<String, String> env = env(api);
    env.put("BILLING_PROVIDER", "none");
    MessageMeter meter = start(BillingRuntime.builder(BillingConfig.fromEnv(env))).meter();
    TestBilling.traffic(meter, 2, 2);
    clock.set(H11.plus(Duration.ofMinutes(5)));
    assertThat(runtime.reportNow().accepted()).isEqualTo(2);
    assertThat(api.received()).isEmpty();
  }

  @Test
  void theScheduledCycleFlushesAndReportsEveryInterval() {
    Map<String, String> env = env(api);
    env.put("BILLING_REPORT_INTERVAL", "1s");
    runtime =
        BillingRuntime.builder(BillingConfig.fromEnv(env))
            .registry(registry)
            .clock(clock)
            .credential(token)
            .azureHttp(TestBilling.http())
            .start();
    TestBilling.traffic(runtime.meter(), 11, 0);
    clock.set(H11.plus(Duration.ofMinutes(1)));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> api.billed(EXTENSION).containsKey(new UsageKey(H10, ENCODED_MESSAGES)));
    assertThat(api.billed(EXTENSION)).containsEntry(new UsageKey(H10, ENCODED_MESSAGES), 11.0);
  }

  @Test
  void disabledBillingHandsOutTheNoopMeter() {
    runtime = BillingRuntime.start(BillingConfig.disabled(), registry, clock);
    assertThat(runtime.meter()).isSameAs(MessageMeter.NOOP);
    assertThat(runtime.reportNow().leader()).isFalse();
    assertThat(registry.getMeters()).isEmpty();
  }
}
