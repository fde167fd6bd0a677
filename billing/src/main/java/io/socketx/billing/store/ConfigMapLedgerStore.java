package io.socketx.billing.store;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.socketx.billing.model.Ledger;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * Ledger stored in one ConfigMap shared by all proxy replicas. Every write carries the
 * resourceVersion it was computed from (optimistic concurrency); a conflict re-reads and re-applies
 * the change after a short random pause.
 */
public final class ConfigMapLedgerStore implements LedgerStore {
  private static final int MAX_ATTEMPTS = 16;

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final LedgerCodec codec = new LedgerCodec();

  /** Uses ConfigMap {@code name} in {@code namespace}. */
  public ConfigMapLedgerStore(KubernetesClient client, String namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
  }

  @Override
  public Ledger load() {
    ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
    return cm == null ? Ledger.empty() : codec.decode(cm.getData());
  }

  @Override
  public Ledger update(UnaryOperator<Ledger> change) {
    KubernetesClientException last = null;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
      Ledger current = cm == null ? Ledger.empty() : codec.decode(cm.getData());
      Ledger next = change.apply(current);
      if (cm != null && next.equals(current)) {
        return current;
      }
      Map<String, String> data = codec.encode(next);
      try {
        if (cm == null) {
          client
              .configMaps()
              .inNamespace(namespace)
              .resource(
                  new ConfigMapBuilder()
                      .withNewMetadata()
                      .withName(name)
                      .withNamespace(namespace)
                      .addToLabels("app.kubernetes.io/part-of", "socketx")
                      .addToLabels("app.kubernetes.io/component", "billing")
                      .endMetadata()
                      .withData(data)
                      .build())
              .create();
        } else {
          cm.setData(data);
          client.configMaps().inNamespace(namespace).resource(cm).update();
        }
        return next;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        last = e;
        pauseBeforeRetry(attempt);
      }
    }
    throw new IllegalStateException(
        "billing ConfigMap " + namespace + "/" + name + ": too many concurrent updates", last);
  }

  /**
   * Waits a random 1 ms .. 5 ms × 2^attempt (at most 160 ms), so writers that collided do not retry
   * in lockstep and one slow writer is not beaten again and again by faster ones.
   */
  private static void pauseBeforeRetry(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L << Math.min(attempt, 5)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
