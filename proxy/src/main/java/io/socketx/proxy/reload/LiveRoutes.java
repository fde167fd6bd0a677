package io.socketx.proxy.reload;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.socketx.proxy.config.ProxyConfig;
import io.socketx.proxy.config.RouteSourceConfig;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the route source of highest precedence that is configured — the ConfigMap (with the
 * instance heartbeat when {@code POD_NAME} is set), else the file, else the static {@code
 * DOMAIN_MAP} — and stops them again.
 */
public final class LiveRoutes implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveRoutes.class);
  private static final long FILE_POLL_MILLIS = 5_000;

  private final RouteSource source;
  private final InstanceHeartbeat heartbeat;
  private final KubernetesClient client;

  private LiveRoutes(RouteSource source, InstanceHeartbeat heartbeat, KubernetesClient client) {
    this.source = source;
    this.heartbeat = heartbeat;
    this.client = client;
  }

  /** Starts watching; the static map is applied at once. */
  public static LiveRoutes start(
      ProxyConfig config, RouteReloader reloader, Supplier<KubernetesClient> kubernetes)
      throws Exception {
    RouteSourceConfig sources = config.routeSources();
    if (sources.configMap().isPresent()) {
      RouteSourceConfig.ConfigMapRef ref = sources.configMap().get();
      KubernetesClient client = kubernetes.get();
      RouteSource source = new ConfigMapRouteSource(client, ref);
      source.start(reloader);
      InstanceHeartbeat heartbeat = null;
      if (sources.podName().isPresent()) {
        String namespace = ref.namespace().isEmpty() ? client.getNamespace() : ref.namespace();
        heartbeat =
            new InstanceHeartbeat(
                client,
                namespace,
                ref.name(),
                sources.podName().get(),
                sources.proxyName(),
                sources.heartbeatTtl(),
                reloader);
        heartbeat.start();
      }
      LOG.info(
          "Routes from {} (heartbeat {})",
          source.describe(),
          heartbeat == null ? "off: POD_NAME not set" : heartbeat.leaseName());
      return new LiveRoutes(source, heartbeat, client);
    }
    if (sources.file().isPresent()) {
      RouteSource source = new FileRouteSource(sources.file().get(), FILE_POLL_MILLIS);
      source.start(reloader);
      LOG.info("Routes from {}", source.describe());
      return new LiveRoutes(source, null, null);
    }
    reloader.offer(config.domainMapJson(), "env:DOMAIN_MAP");
    return new LiveRoutes(null, null, null);
  }

  /** The active source, e.g. for /readyz; empty for the static map. */
  public Optional<String> sourceName() {
    return Optional.ofNullable(source).map(RouteSource::describe);
  }

  @Override
  public void close() {
    if (heartbeat != null) {
      heartbeat.close();
    }
    if (source != null) {
      source.close();
    }
    if (client != null) {
      client.close();
    }
  }
}
