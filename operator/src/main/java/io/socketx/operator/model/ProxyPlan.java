package io.socketx.operator.model;

import io.socketx.contract.domainmap.DomainMapDocument;
import io.socketx.crd.SocketXProxy;
import io.socketx.crd.SocketXRoute;
import java.util.Collection;

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
 */
public record ProxyPlan(
    SocketXProxy proxy,
    ProxyDefaults defaults,
    ProxyNames names,
    RouteResolution routes,
    DomainMapDocument document,
    ConfigLayout layout) {

  public static ProxyPlan of(
      SocketXProxy proxy, Collection<SocketXRoute> routes, ProxyDefaults defaults) {
    RouteResolution resolution = new RouteResolver(defaults.clusterDomain()).resolve(proxy, routes);
    DomainMapDocument document = DomainMapDocument.of(resolution.domainMap());
    return new ProxyPlan(
        proxy,
        defaults,
        new ProxyNames(proxy),
        resolution,
        document,
        ConfigLayout.of(document, defaults.compressThresholdBytes()));
  }

  /** Desired replicas; absent means 1, as the CRD default says. */
  public int replicas() {
    Integer replicas = proxy.getSpec() == null ? null : proxy.getSpec().getReplicas();
    return replicas == null ? 1 : Math.max(0, replicas);
  }
}
