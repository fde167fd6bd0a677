package io.socketx.proxy.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where routes come from and how changes are applied: a watched ConfigMap (first), a watched file
 * (second), else the static {@code DOMAIN_MAP}; how long connections of a removed route may stay;
 * and the instance heartbeat the operator reads.
 *
 * @param configMap DOMAIN_MAP_CONFIGMAP_NAMESPACE / DOMAIN_MAP_CONFIGMAP_NAME
 * @param file DOMAIN_MAP_FILE
 * @param drainPeriod ROUTE_DRAIN_PERIOD
 * @param heartbeatTtl INSTANCE_HEARTBEAT_TTL
 * @param podName POD_NAME (heartbeat identity; no heartbeat without it)
 * @param proxyName SOCKETX_PROXY_NAME (the SocketXProxy, set by the operator)
 */
public record RouteSourceConfig(
    Optional<ConfigMapRef> configMap,
    Optional<Path> file,
    Duration drainPeriod,
    Duration heartbeatTtl,
    Optional<String> podName,
    Optional<String> proxyName) {

  /** A ConfigMap by namespace and name; an empty namespace means the client's default. */
  public record ConfigMapRef(String namespace, String name) {
    @Override
    public String toString() {
      return (namespace.isEmpty() ? "" : namespace + "/") + name;
    }
  }

  /** Routes from {@code DOMAIN_MAP} only, with the defaults for everything else. */
  public static RouteSourceConfig staticOnly() {
    return new RouteSourceConfig(
        Optional.empty(),
        Optional.empty(),
        Duration.ofSeconds(30),
        Duration.ofSeconds(30),
        Optional.empty(),
        Optional.empty());
  }

  static RouteSourceConfig read(EnvReader r) throws ConfigException {
    String cmName = r.string("DOMAIN_MAP_CONFIGMAP_NAME", "");
    String cmNamespace = r.string("DOMAIN_MAP_CONFIGMAP_NAMESPACE", r.string("POD_NAMESPACE", ""));
    if (!cmName.isEmpty() && !cmName.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
      throw new ConfigException(
          "DOMAIN_MAP_CONFIGMAP_NAME", "'" + cmName + "' is not a valid ConfigMap name");
    }
    if (cmName.isEmpty() && r.raw("DOMAIN_MAP_CONFIGMAP_NAMESPACE") != null) {
      throw new ConfigException(
          "DOMAIN_MAP_CONFIGMAP_NAME", "must be set when DOMAIN_MAP_CONFIGMAP_NAMESPACE is set");
    }
    Optional<Path> file = Optional.ofNullable(r.raw("DOMAIN_MAP_FILE")).map(Path::of);
    if (file.isPresent() && file.get().getFileName() == null) {
      throw new ConfigException("DOMAIN_MAP_FILE", "must name a file");
    }
    Duration drain =
        r.duration(
            "ROUTE_DRAIN_PERIOD", Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1));
    Duration ttl =
        r.duration(
            "INSTANCE_HEARTBEAT_TTL",
            Duration.ofSeconds(30),
            Duration.ofSeconds(3),
            Duration.ofHours(1));
    String pod = r.string("POD_NAME", "");
    String proxy = r.string("SOCKETX_PROXY_NAME", "");
    return new RouteSourceConfig(
        cmName.isEmpty() ? Optional.empty() : Optional.of(new ConfigMapRef(cmNamespace, cmName)),
        file,
        drain,
        ttl,
        pod.isEmpty() ? Optional.empty() : Optional.of(pod),
        proxy.isEmpty() ? Optional.empty() : Optional.of(proxy));
  }
}
