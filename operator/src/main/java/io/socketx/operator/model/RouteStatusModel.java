package io.socketx.operator.model;

import io.socketx.crd.ProxyRef;
import io.socketx.crd.SocketXApi.Conditions;
import io.socketx.crd.SocketXRoute;
import io.socketx.crd.SocketXRouteStatus;

/** Computes a SocketXRoute's status from its outcome on the proxy it points at. */
public final class RouteStatusModel {

  public static SocketXRouteStatus status(SocketXRoute route, RouteOutcome outcome, String now) {
    SocketXRouteStatus previous = route.getStatus();
    Long generation = route.getMetadata().getGeneration();
    RouteRef target = RouteResolver.targetOf(route);
    SocketXRouteStatus status = new SocketXRouteStatus();
    status.setObservedGeneration(generation);
    ProxyRef proxyRef = new ProxyRef();
    proxyRef.setName(target.name());
    proxyRef.setNamespace(target.namespace());
    status.setProxyRef(proxyRef);
    status.setUpstream(outcome.upstream());
    var conditions =
        StatusConditions.set(
            previous == null ? null : previous.getConditions(),
            Conditions.ACCEPTED,
            outcome.accepted(),
            outcome.reason(),
            outcome.message(),
            generation,
            now);
    conditions =
        StatusConditions.set(
            conditions,
            Conditions.RESOLVED_REFS,
            outcome.refsResolved(),
            outcome.refsReason(),
            outcome.refsResolved() ? "proxy and upstream resolved" : outcome.message(),
            generation,
            now);
    status.setConditions(conditions);
    return status;
  }

  private RouteStatusModel() {}
}
