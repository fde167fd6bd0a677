package io.socketx.billing.cluster;

import static io.socketx.billing.model.Dimension.DECODED_MESSAGES;
import static io.socketx.billing.model.Dimension.ENCODED_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.socketx.billing.BillingRuntime;
import io.socketx.billing.ReportSummary;
import io.socketx.billing.config.BillingConfig;
import io.socketx.billing.fakes.FakeMeteringApi;
import io.socketx.billing.fakes.MutableClock;
import io.socketx.billing.fakes.StaticToken;
import io.socketx.billing.fakes.TestBilling;
import io.socketx.billing.model.Ledger;
import io.socketx.billing.model.UsageKey;
import io.socketx.billing.store.ConfigMapLedgerStore;
import io.socketx.billing.store.LedgerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several proxy replicas sharing the ledger ConfigMap and the reporter Lease on the fabric8 mock
 * API server (CRUD mode).
 */
@EnableKubernetesMockClient(crud = true)
class MultiReplicaBillingTest {
  static final String NS = "socketx";
  static final String EXTENSION =
      "/subscriptions/s/resourceGroups/g/providers/Microsoft.KubernetesConfiguration/extensions/socketx";
  static final Instant H10 = Instant.parse("2026-03-01T10:00:00Z");
  static final Instant H11 = H10.plus(Duration.ofHours(1));

  KubernetesClient client;

  private final FakeMeteringApi api = new FakeMeteringApi("metering-token");
  private final MutableClock clock = new MutableClock(H10.plus(Duration.ofMinutes(20)));
  private final List<BillingRuntime> replicas = new ArrayList<>();

  @AfterEach
  void stop() {
    replicas.forEach(BillingRuntime::close);
    api.close();
  }

  private BillingConfig config(String pod) {
    return BillingConfig.fromEnv(TestBilling.env(api, "kubernetes", pod));
  }

  private BillingRuntime replica(String pod, BillingRuntime.Builder... customised) {
    BillingRuntime.Builder b =
        customised.length > 0 ? customised[0] : BillingRuntime.builder(config(pod));
    BillingRuntime r =
        b.registry(new SimpleMeterRegistry())
            .clock(clock)
            .credential(new StaticToken("metering-token"))
            .azureHttp(TestBilling.http())
            .kubernetesClient(client)
            // The production lease: a busy machine never lets it lapse in the middle of a test (a
            // released lease is taken over on the next retry, a fifth of it).
            .leaseDuration(Duration.ofSeconds(15))
            .schedule(false)
            .start();
    replicas.add(r);
    return r;
  }

  private Ledger ledger() {
    return new ConfigMapLedgerStore(client, NS, "socketx-billing").load();
  }

  @ParameterizedTest(name = "{0} replicas")
  @ValueSource(ints = {2, 3})
  void replicasReportOneEventPerHourAndDimensionWithTheSum(int n) {
    long encodedTotal = 0;
    long decodedTotal = 0;
    for (int i = 0; i < n; i++) {
      BillingRuntime r = replica("proxy-" + i);
      TestBilling.traffic(r.meter(), 10 * (i + 1), i + 1);
      encodedTotal += 10 * (i + 1);
      decodedTotal += i + 1;
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> replicas.stream().filter(BillingRuntime::isLeader).count() == 1);
    replicas.forEach(BillingRuntime::flushNow);
    // In the next hour, after the grace period (interval + 1m), every replica runs its cycle.
    clock.set(H11.plus(Duration.ofMinutes(17)));
    List<ReportSummary> summaries = new ArrayList<>();
    for (BillingRuntime r : replicas) {
      summaries.add(r.reportNow());
    }
    clock.advance(Duration.ofMinutes(15));
    replicas.forEach(BillingRuntime::reportNow);

    assertThat(summaries)
        .filteredOn(ReportSummary::leader)
        .singleElement()
        .extracting(ReportSummary::accepted)
        .isEqualTo(2);
    assertThat(api.received()).hasSize(2);
    assertThat(api.billed(EXTENSION))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                new UsageKey(H10, ENCODED_MESSAGES), (double) encodedTotal,
                new UsageKey(H10, DECODED_MESSAGES), (double) decodedTotal));
    assertThat(ledger().replicas()).hasSize(n);
  }

  @Test
  void aNewLeaderNeverReportsAnAcceptedHourAgain() {
    BillingRuntime first = replica("proxy-a");
    TestBilling.traffic(first.meter(), 5, 0);
    await().atMost(Duration.ofSeconds(60)).until(first::isLeader);
    clock.set(H11.plus(Duration.ofMinutes(17)));
    assertThat(first.reportNow().accepted()).isEqualTo(1);
    first.close(); // releases the lease
    replicas.remove(first);

    BillingRuntime second = replica("proxy-b");
    await().atMost(Duration.ofSeconds(60)).until(second::isLeader);
    clock.advance(Duration.ofMinutes(15));
    ReportSummary summary = second.reportNow();

    assertThat(summary.accepted() + summary.duplicates()).isZero();
    assertThat(api.received()).hasSize(1);
  }

  @Test
  void podRestartBetweenFlushAndReportLosesNothing() {
    BillingRuntime before =
        replica("proxy-a", BillingRuntime.builder(config("proxy-a")).leadership(Leadership.ALWAYS));
    TestBilling.traffic(before.meter(), 40, 4);
    before.close(); // SIGTERM: final flush
    replicas.remove(before);

    BillingRuntime after =
        replica("proxy-a", BillingRuntime.builder(config("proxy-a")).leadership(Leadership.ALWAYS));
    TestBilling.traffic(after.meter(), 2, 0);
    assertThat(after.replicaId()).isNotEqualTo(before.replicaId());
    clock.set(H11.plus(Duration.ofMinutes(17)));
    after.reportNow();

    assertThat(api.billed(EXTENSION))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                new UsageKey(H10, ENCODED_MESSAGES),
                42.0,
                new UsageKey(H10, DECODED_MESSAGES),
                4.0));
  }

  @Test
  void twoReplicasThatBothBelieveTheyLeadStillSendEachHourOnce() throws Exception {
    BillingRuntime a =
        replica("proxy-a", BillingRuntime.builder(config("proxy-a")).leadership(Leadership.ALWAYS));
    BillingRuntime b =
        replica("proxy-b", BillingRuntime.builder(config("proxy-b")).leadership(Leadership.ALWAYS));
    TestBilling.traffic(a.meter(), 3, 1);
    TestBilling.traffic(b.meter(), 4, 2);
    a.flushNow();
    b.flushNow();
    clock.set(H11.plus(Duration.ofMinutes(17)));
    CountDownLatch go = new CountDownLatch(1);
    CompletableFuture<ReportSummary> ra = CompletableFuture.supplyAsync(() -> awaitThen(go, a));
    CompletableFuture<ReportSummary> rb = CompletableFuture.supplyAsync(() -> awaitThen(go, b));
    go.countDown();
    ReportSummary sa = ra.get();
    ReportSummary sb = rb.get();
    clock.advance(Duration.ofMinutes(15));
    a.reportNow();
    b.reportNow();

    assertThat(sa.accepted() + sb.accepted() + sa.duplicates() + sb.duplicates()).isEqualTo(2);
    assertThat(api.received()).hasSize(2);
    assertThat(api.billed(EXTENSION))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                new UsageKey(H10, ENCODED_MESSAGES),
                7.0,
                new UsageKey(H10, DECODED_MESSAGES),
                3.0));
  }

  @Test
  void reporterCrashAfterTheApiAcceptedIsNotBilledTwice() {
    // The ConfigMap becomes unwritable right after the events went out: the reporter cannot record
    // the acceptance and its claims stay behind, as after a crash.
    AtomicBoolean storeDown = new AtomicBoolean();
    LedgerStore real = new ConfigMapLedgerStore(client, NS, "socketx-billing");
    LedgerStore flaky =
        new LedgerStore() {
          @Override
          public Ledger load() {
            return real.load();
          }

          @Override
          public Ledger update(UnaryOperator<Ledger> change) {
            if (storeDown.get()) {
              throw new KubernetesClientException("API server unavailable");
            }
            Ledger result = real.update(change);
            if (result.settlements().values().stream().anyMatch(s -> !s.state().isFinal())) {
              storeDown.set(true);
            }
            return result;
          }
        };
    BillingRuntime crashed =
        replica(
            "proxy-a",
            BillingRuntime.builder(config("proxy-a")).leadership(Leadership.ALWAYS).store(flaky));
    TestBilling.traffic(crashed.meter(), 9, 0);
    clock.set(H11.plus(Duration.ofMinutes(17)));
    try {
      crashed.reportNow();
    } catch (KubernetesClientException expected) {
      // settle failed
    }
    assertThat(api.billed(EXTENSION)).containsEntry(new UsageKey(H10, ENCODED_MESSAGES), 9.0);

    BillingRuntime next =
        replica("proxy-b", BillingRuntime.builder(config("proxy-b")).leadership(Leadership.ALWAYS));
    clock.advance(Duration.ofMinutes(5));
    assertThat(next.reportNow().duplicates()).as("claim still live").isZero();
    clock.advance(Duration.ofMinutes(10));
    ReportSummary retried = next.reportNow();

    assertThat(retried.duplicates()).isEqualTo(1);
    assertThat(retried.discrepancies()).isZero();
    assertThat(api.billed(EXTENSION))
        .containsExactlyEntriesOf(Map.of(new UsageKey(H10, ENCODED_MESSAGES), 9.0));
    assertThat(
            ledger()
                .settlement(new UsageKey(H10, ENCODED_MESSAGES))
                .orElseThrow()
                .state()
                .isFinal())
        .isTrue();
  }

  private static ReportSummary awaitThen(CountDownLatch go, BillingRuntime r) {
    try {
      go.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return r.reportNow();
  }
}
