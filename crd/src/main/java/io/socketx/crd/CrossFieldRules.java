package io.socketx.crd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CRDs' cross-field rules, each as the CEL expression the API server evaluates (Kubernetes 1.25
 * and later) and as the Java check the operator runs on every version — on 1.20–1.24 the API server
 * drops the CEL rules, so the operator's check is what keeps such a spec out of a proxy. Tests
 * evaluate the CEL text with a CEL implementation and require both forms to agree.
 */
public final class CrossFieldRules {

  public static final String UPSTREAM_ONE_OF = "has(self.url) != has(self.service)";
  public static final String UPSTREAM_ONE_OF_MESSAGE = "exactly one of url or service must be set";

  public static final String NODE_PORT_NEEDS_TYPE =
      "!has(self.nodePort) || (has(self.type) && self.type != 'ClusterIP')";
  public static final String NODE_PORT_NEEDS_TYPE_MESSAGE =
      "nodePort requires type NodePort or LoadBalancer";

  public static final String REQUEST_BASED_NEEDS_PROVIDER =
      "!has(self.strategy) || self.strategy != 'request_based' || has(self.provider)";
  public static final String REQUEST_BASED_NEEDS_PROVIDER_MESSAGE =
      "strategy request_based requires a provider";

  public static final String LIST_NEEDS_NAMESPACES =
      "(has(self.from) && self.from == 'List') == (has(self.namespaces) &&"
          + " size(self.namespaces) > 0)";
  public static final String LIST_NEEDS_NAMESPACES_MESSAGE =
      "namespaces must be set exactly when from is List";

  /** A rule a spec breaks: the object's field path, the values involved and the rule's message. */
  public record Violation(String field, String value, String message) {}

  private static final String UNSET = "<unset>";

  private CrossFieldRules() {}

  /** The rules a proxy spec breaks, empty when it satisfies them all. */
  public static List<Violation> check(SocketXProxySpec spec) {
    List<Violation> violations = new ArrayList<>();
    if (spec == null) {
      return violations;
    }
    ProxyServiceSpec service = spec.getService();
    if (service != null && !nodePortAllowed(service)) {
      violations.add(
          new Violation(
              "spec.service",
              "type="
                  + (service.getType() == null ? UNSET : service.getType().value())
                  + ", nodePort="
                  + service.getNodePort(),
              NODE_PORT_NEEDS_TYPE_MESSAGE));
    }
    BillingSpec billing = spec.getBilling();
    if (billing != null && !providerPresentWhenNeeded(billing)) {
      violations.add(
          new Violation(
              "spec.billing",
              "strategy=" + billing.getStrategy().value() + ", provider=" + UNSET,
              REQUEST_BASED_NEEDS_PROVIDER_MESSAGE));
    }
    AllowedRoutes allowed = spec.getAllowedRoutes();
    if (allowed != null && !namespacesMatchFrom(allowed)) {
      violations.add(
          new Violation(
              "spec.allowedRoutes",
              "from="
                  + (allowed.getFrom() == null ? UNSET : allowed.getFrom().value())
                  + ", namespaces="
                  + allowed.getNamespaces(),
              LIST_NEEDS_NAMESPACES_MESSAGE));
    }
    return violations;
  }

  /** The rule a route's upstream breaks, if any. */
  public static Optional<Violation> check(UpstreamSpec upstream) {
    if (upstream == null || (upstream.getUrl() != null) != (upstream.getService() != null)) {
      return Optional.empty();
    }
    String set = upstream.getUrl() == null ? "neither" : "both";
    return Optional.of(new Violation("spec.upstream", set, UPSTREAM_ONE_OF_MESSAGE));
  }

  static boolean nodePortAllowed(ProxyServiceSpec service) {
    return service.getNodePort() == null
        || (service.getType() != null && service.getType() != ServiceType.CLUSTER_IP);
  }

  static boolean providerPresentWhenNeeded(BillingSpec billing) {
    return billing.getStrategy() != BillingStrategy.REQUEST_BASED || billing.getProvider() != null;
  }

  static boolean namespacesMatchFrom(AllowedRoutes allowed) {
    boolean list = allowed.getFrom() == RouteNamespaces.LIST;
    boolean named = allowed.getNamespaces() != null && !allowed.getNamespaces().isEmpty();
    return list == named;
  }
}
