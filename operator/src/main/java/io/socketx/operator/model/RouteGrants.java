package io.socketx.operator.model;

import io.socketx.crd.GrantFrom;
import io.socketx.crd.GrantTo;
import io.socketx.crd.SocketXRouteGrant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The SocketXRouteGrants the operator sees: a route may use a Service (or a pod name) in another
 * namespace only when a grant in that namespace names the route's namespace, and the Service or no
 * Service at all.
 */
public final class RouteGrants {
  private static final RouteGrants NONE = new RouteGrants(List.of());

  private final List<SocketXRouteGrant> grants;

  private RouteGrants(List<SocketXRouteGrant> grants) {
    this.grants = grants;
  }

  /** No grants: only same-namespace references are permitted. */
  public static RouteGrants none() {
    return NONE;
  }

  public static RouteGrants of(Collection<SocketXRouteGrant> grants) {
    return new RouteGrants(
        grants.stream().filter(g -> g.getMetadata().getDeletionTimestamp() == null).toList());
  }

  /** Whether a route in {@code from} may use {@code target}. */
  public boolean permits(String from, UpstreamTarget target) {
    if (Objects.equals(from, target.namespace())) {
      return true;
    }
    return grants.stream()
        .filter(g -> target.namespace().equals(g.getMetadata().getNamespace()))
        .filter(g -> g.getSpec() != null && g.getSpec().getFrom() != null)
        .anyMatch(g -> admitsNamespace(g, from) && admitsService(g, target.service()));
  }

  private static boolean admitsNamespace(SocketXRouteGrant grant, String namespace) {
    return grant.getSpec().getFrom().stream()
        .map(GrantFrom::getNamespace)
        .anyMatch(namespace::equals);
  }

  /** An empty {@code to} admits everything; a named Service list admits only those Services. */
  private static boolean admitsService(SocketXRouteGrant grant, String service) {
    List<GrantTo> to = grant.getSpec().getTo();
    if (to == null || to.isEmpty()) {
      return true;
    }
    return service != null && to.stream().map(GrantTo::getName).anyMatch(service::equals);
  }
}
