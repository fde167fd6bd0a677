package io.socketx.billing.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.socketx.billing.model.Dimension;
import io.socketx.billing.model.Ledger;
import io.socketx.billing.model.UsageKey;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ConfigMapLedgerStoreTest {
  private static final UsageKey KEY =
      new UsageKey(Instant.parse("2026-03-01T10:00:00Z"), Dimension.ENCODED_MESSAGES);

  KubernetesClient client;

  @Test
  void createsTheConfigMapWithLabels() {
    ConfigMapLedgerStore store = new ConfigMapLedgerStore(client, "ns", "billing");
    assertThat(store.load()).isEqualTo(Ledger.empty());
    store.update(l -> l.withReplicaCounts("a", Map.of(KEY, 3L)));
    ConfigMap cm = client.configMaps().inNamespace("ns").withName("billing").get();
    assertThat(cm.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/component", "billing");
    assertThat(cm.getData()).containsKey("replica.a");
    assertThat(store.load().totals()).containsEntry(KEY, 3L);
  }

  @Test
  void theApiServerRejectsAWriteBasedOnAStaleResourceVersion() {
    ConfigMapLedgerStore store = new ConfigMapLedgerStore(client, "ns", "stale");
    store.update(l -> l.withReplicaCounts("a", Map.of(KEY, 1L)));
    ConfigMap first = client.configMaps().inNamespace("ns").withName("stale").get();
    ConfigMap second = client.configMaps().inNamespace("ns").withName("stale").get();
    first.getData().put("note", "1");
    client.configMaps().inNamespace("ns").resource(first).update();
    second.getData().put("note", "2");
    assertThatThrownBy(() -> client.configMaps().inNamespace("ns").resource(second).update())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
  }

  @Test
  void concurrentWritersNeverLoseAnUpdate() throws Exception {
    int updates = 20;
    CountDownLatch go = new CountDownLatch(1);
    CompletableFuture<?>[] writers = new CompletableFuture<?>[3];
    for (int w = 0; w < writers.length; w++) {
      String replica = "r" + w;
      ConfigMapLedgerStore store = new ConfigMapLedgerStore(client, "ns", "contended");
      writers[w] =
          CompletableFuture.runAsync(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                for (int i = 0; i < updates; i++) {
                  // Read-modify-write of this replica's own count: a lost update shows up as a
                  // smaller final value.
                  store.update(
                      l ->
                          l.withReplicaCounts(
                              replica,
                              Map.of(
                                  KEY,
                                  l.replicas().getOrDefault(replica, Map.of()).getOrDefault(KEY, 0L)
                                      + 1)));
                }
              });
    }
    go.countDown();
    CompletableFuture.allOf(writers).get();
    Ledger ledger = new ConfigMapLedgerStore(client, "ns", "contended").load();
    assertThat(ledger.totals()).containsEntry(KEY, (long) updates * writers.length);
  }
}
