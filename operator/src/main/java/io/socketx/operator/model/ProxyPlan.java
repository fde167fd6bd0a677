package io.socketx.operator.model;

import io.socketx.contract.domainmap.DomainMapDocument;
import io.socketx.crd.SocketXProxy;
import io.socketx.crd.SocketXRoute;
import java.util.Collection;
import java.util.List;

/**
 * Everything the operator decides for one SocketXProxy in one reconciliation: names, merged routes,
 * the DOMAIN_MAP document and its ConfigMap layout. Dependent resources build their desired objects
 * from it.
 *
 * @param proxy the proxy
 * @param defaults operator-wide settings
 * @param names names and labels of the managed objects
 * @param routes the merged routes
 * @param document the DOMAIN_MAP
 * @param layout how the DOMAIN_MAP goes into the ConfigMap
 * @param heartbeatLeases names of the heartbeat Leases this proxy's pods created, which its Role
 *     names
 */
public record ProxyPlan(
    SocketXProxy proxy,
    ProxyDefaults defaults,
    ProxyNames names,
    RouteResolution routes,
    DomainMapDocument document,
    ConfigLayout layout,
    List<String> heartbeatLeases) {

  public ProxyPlan {
    heartbeatLeases = List.copyOf(heartbeatLeases);
  }

  /** A plan without cross-namespace grants or heartbeat Leases. */
  public static ProxyPlan of(
      SocketXProxy proxy, Collection<SocketXRoute> routes, ProxyDefaults defaults) {
    return of(proxy, routes, defaults, RouteGrants.none(), List.of());
  }

  public static ProxyPlan of(
      SocketXProxy proxy,
      Collection<SocketXRoute> routes,
      ProxyDefaults defaults,
      RouteGrants grants,
      Collection<String> heartbeatLeases) {
    RouteResolution resolution =
        new RouteResolver(defaults.clusterDomain(), defaults.apiServerHost())
            .resolve(proxy, routes, grants);
    DomainMapDocument document = DomainMapDocument.of(resolution.domainMap());
    return new ProxyPlan(
        proxy,
        defaults,
        new ProxyNames(proxy),
        resolution,
        document,
        ConfigLayout.of(document, defaults.compressThresholdBytes()),
        heartbeatLeases.stream().sorted().distinct().toList());
  }

  /** Desired replicas; absent means 1, as the CRD default says. */
  public int replicas() {
    Integer replicas = proxy.getSpec() == null ? null : proxy.getSpec().getReplicas();
    return replicas == null ? 1 : Math.max(0, replicas);
  }
}
