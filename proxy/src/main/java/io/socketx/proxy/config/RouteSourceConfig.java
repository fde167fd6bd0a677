package io.socketx.proxy.config;

import io.socketx.contract.env.ProxyEnv;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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

  static RouteSourceConfig read(Map<String, String> env) throws ConfigException {
    Optional<String> cmName = Optional.ofNullable(ProxyEnv.CONFIGMAP_NAME.read(env));
    Optional<String> cmNamespace = ProxyEnv.CONFIGMAP_NAMESPACE.raw(env);
    if (cmName.isEmpty() && cmNamespace.isPresent()) {
      throw new ConfigException(
          ProxyEnv.CONFIGMAP_NAME.key(),
          "must be set when " + ProxyEnv.CONFIGMAP_NAMESPACE.key() + " is set");
    }
    String namespace = cmNamespace.or(() -> ProxyEnv.POD_NAMESPACE.raw(env)).orElse("");
    Optional<Path> file = ProxyEnv.DOMAIN_MAP_FILE.raw(env).map(Path::of);
    if (file.isPresent() && file.get().getFileName() == null) {
      throw new ConfigException(ProxyEnv.DOMAIN_MAP_FILE.key(), "must name a file");
    }
    return new RouteSourceConfig(
        cmName.map(name -> new ConfigMapRef(namespace, name)),
        file,
        ProxyEnv.ROUTE_DRAIN_PERIOD.read(env),
        ProxyEnv.INSTANCE_HEARTBEAT_TTL.read(env),
        ProxyEnv.POD_NAME.raw(env),
        ProxyEnv.SOCKETX_PROXY_NAME.raw(env));
  }
}
