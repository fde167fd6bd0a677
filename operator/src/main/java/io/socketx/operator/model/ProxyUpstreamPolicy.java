package io.socketx.operator.model;

import io.socketx.contract.env.ProxyEnv;
import io.socketx.contract.upstream.UpstreamPolicy;
import io.socketx.contract.upstream.UpstreamRule;
import io.socketx.crd.SocketXProxy;
import io.socketx.crd.SocketXProxySpec;
import java.util.List;
import java.util.Optional;

/**
 * The upstream policy of an operator-deployed proxy: the contract's cluster defaults, the names of
 * the proxy's own Service, and the exceptions in {@code spec.upstreamPolicy.allow}.
 */
public final class ProxyUpstreamPolicy {
  private static final String FIELD = "spec.upstreamPolicy.allow";

  private ProxyUpstreamPolicy() {}

  /**
   * What routes to the proxy are refused: the address part is passed to the proxy as UPSTREAM_DENY
   * ({@link UpstreamPolicy#CLUSTER_DENY}, whose {@code apiserver} the proxy reads from its own
   * KUBERNETES_SERVICE_HOST, here {@code apiServerHost}), the names are checked here only.
   */
  public static List<UpstreamRule> deny(
      SocketXProxy proxy, String clusterDomain, String apiServerHost) {
    ProxyNames names = new ProxyNames(proxy);
    String service = names.workload();
    String namespace = names.namespace();
    return UpstreamPolicy.clusterDefaults(
        clusterDomain,
        apiServerHost,
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
   * The address entries of the allow list, passed to the proxy as UPSTREAM_ALLOW; null when there
   * are none. Host names in the list exempt route URLs here; the proxy checks addresses only.
   */
  public static String allowedAddresses(SocketXProxySpec spec) {
    String addresses = UpstreamPolicy.addressEntries(allowText(spec));
    return addresses.isEmpty() ? null : addresses;
  }

  /** What is wrong with the allow list, naming the field, if anything. */
  static Optional<SpecProblem> problem(SocketXProxySpec spec) {
    String text = allowText(spec);
    try {
      UpstreamPolicy.parseRules(text);
    } catch (IllegalArgumentException e) {
      return Optional.of(new SpecProblem(FIELD, text, e.getMessage()));
    }
    return ProxyEnv.UPSTREAM_ALLOW
        .problemWith(UpstreamPolicy.addressEntries(text))
        .map(p -> new SpecProblem(FIELD, text, p));
  }

  /**
   * The policy routes are checked against; an invalid allow list (reported as InvalidSpec on the
   * proxy) allows nothing extra.
   */
  public static UpstreamPolicy of(SocketXProxy proxy, String clusterDomain, String apiServerHost) {
    List<UpstreamRule> allow;
    try {
      allow = UpstreamPolicy.parseRules(allowText(proxy.getSpec()), apiServerHost);
    } catch (IllegalArgumentException e) {
      allow = List.of();
    }
    return new UpstreamPolicy(deny(proxy, clusterDomain, apiServerHost), allow);
  }
}
