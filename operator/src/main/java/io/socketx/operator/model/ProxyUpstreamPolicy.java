package io.socketx.operator.model;

import io.socketx.contract.upstream.UpstreamPolicy;
import io.socketx.contract.upstream.UpstreamRule;
import io.socketx.crd.SocketXProxy;
import io.socketx.crd.SocketXProxySpec;
import java.util.List;

/**
 * The upstream policy of an operator-deployed proxy: the contract's cluster defaults, the names of
 * the proxy's own Service, and the exceptions in {@code spec.upstreamPolicy.allow}.
 */
public final class ProxyUpstreamPolicy {

  private ProxyUpstreamPolicy() {}

  /** What the proxy refuses: passed to it as UPSTREAM_DENY. */
  public static List<UpstreamRule> deny(SocketXProxy proxy, String clusterDomain) {
    ProxyNames names = new ProxyNames(proxy);
    String service = names.workload();
    String namespace = names.namespace();
    return UpstreamPolicy.clusterDefaults(
        clusterDomain,
        List.of(
            service,
            service + "." + namespace,
            service + "." + namespace + ".svc",
            service + "." + namespace + ".svc." + clusterDomain));
  }

  /** The spec's exceptions as written, null when there are none. */
  public static String allowText(SocketXProxySpec spec) {
    if (spec == null || spec.getUpstreamPolicy() == null) {
      return null;
    }
    List<String> allow = spec.getUpstreamPolicy().getAllow();
    return allow == null || allow.isEmpty() ? null : String.join(",", allow);
  }

  /**
   * The policy routes are checked against; an invalid allow list (reported as InvalidSpec on the
   * proxy) allows nothing extra.
   */
  public static UpstreamPolicy of(SocketXProxy proxy, String clusterDomain) {
    List<UpstreamRule> allow;
    try {
      allow = UpstreamPolicy.parseRules(allowText(proxy.getSpec()));
    } catch (IllegalArgumentException e) {
      allow = List.of();
    }
    return new UpstreamPolicy(deny(proxy, clusterDomain), allow);
  }
}
