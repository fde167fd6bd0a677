package io.socketx.proxy.reload;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.socketx.contract.Sha256Hex;
import io.socketx.contract.domainmap.DomainMapKeys;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator which DOMAIN_MAP this instance serves: a Lease per instance, annotated with
 * the config hash and renewed every third of its duration and at once after each route update. The
 * operator's {@code Programmed} condition is built from these. Failures are logged and never affect
 * serving.
 */
public final class InstanceHeartbeat implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InstanceHeartbeat.class);

  private final KubernetesClient client;
  private final String namespace;
  private final String leaseName;
  private final String configMap;
  private final String podName;
  private final Optional<String> proxyName;
  private final Duration ttl;
  private final RouteReloader reloader;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "socketx-heartbeat");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean failing;

  public InstanceHeartbeat(
      KubernetesClient client,
      String namespace,
      String configMap,
      String podName,
      Optional<String> proxyName,
      Duration ttl,
      RouteReloader reloader) {
    this.client = client;
    this.namespace = namespace;
    this.configMap = configMap;
    this.leaseName = leaseName(configMap, podName);
    this.podName = podName;
    this.proxyName = proxyName;
    this.ttl = ttl;
    this.reloader = reloader;
  }

  /** {@code <configmap>-<pod>}, shortened with a hash suffix if it would exceed 253 chars. */
  static String leaseName(String configMap, String podName) {
    String name = configMap + "-" + podName;
    if (name.length() <= 253) {
      return name;
    }
    String hash = Sha256Hex.of(name).substring(0, 10);
    return name.substring(0, 242) + "-" + hash;
  }

  public String leaseName() {
    return leaseName;
  }

  public void start() {
    long period = Math.max(1000, ttl.toMillis() / 3);
    timer.scheduleWithFixedDelay(this::renew, 0, period, TimeUnit.MILLISECONDS);
    reloader.onApplied(loaded -> timer.execute(this::renew));
  }

  void renew() {
    Optional<LoadedRoutes> loaded = reloader.current();
    if (loaded.isEmpty()) {
      return;
    }
    LeaseBuilder lease =
        new LeaseBuilder()
            .withNewMetadata()
            .withName(leaseName)
            .withNamespace(namespace)
            .addToLabels(DomainMapKeys.CONFIG_MAP_LABEL, configMap)
            .addToLabels("app.kubernetes.io/managed-by", "socketx-proxy")
            .addToAnnotations(DomainMapKeys.CONFIG_HASH_ANNOTATION, loaded.get().configHash())
            .endMetadata()
            .withNewSpec()
            .withHolderIdentity(podName)
            .withLeaseDurationSeconds((int) ttl.toSeconds())
            .withRenewTime(ZonedDateTime.now(ZoneOffset.UTC))
            .endSpec();
    proxyName.ifPresent(
        p -> lease.editMetadata().addToLabels(DomainMapKeys.PROXY_LABEL, p).endMetadata());
    Lease desired = lease.build();
    try {
      client
          .leases()
          .inNamespace(namespace)
          .resource(desired)
          .createOr(op -> op.patch(PatchContext.of(PatchType.JSON_MERGE)));
      if (failing) {
        LOG.info("Instance heartbeat {}/{} recovered", namespace, leaseName);
        failing = false;
      }
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.warn("Instance heartbeat {}/{} failed: {}", namespace, leaseName, e.getMessage());
        failing = true;
      }
    }
  }

  /** Stops renewing and deletes the Lease, so the operator stops counting this instance. */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      client
          .leases()
          .inNamespace(namespace)
          .withName(leaseName)
          .withTimeout(5, TimeUnit.SECONDS)
          .delete();
    } catch (RuntimeException e) {
      LOG.debug("deleting heartbeat lease failed", e);
    }
  }
}
