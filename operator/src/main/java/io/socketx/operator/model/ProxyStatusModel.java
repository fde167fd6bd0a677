package io.socketx.operator.model;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.socketx.crd.SocketXApi.Conditions;
import io.socketx.crd.SocketXApi.Reasons;
import io.socketx.crd.SocketXProxyStatus;
import java.util.List;
import java.util.Optional;

/**
 * Computes a SocketXProxy's status from its plan and its Deployment. Conditions: Ready (every
 * desired pod is ready) and RoutesResolved (routes merged and the DOMAIN_MAP written); a later
 * Programmed condition (every ready pod serves the current config hash) slots in beside them.
 */
public final class ProxyStatusModel {

  public static SocketXProxyStatus status(
      ProxyPlan plan, Optional<Deployment> deployment, SocketXProxyStatus previous, String now) {
    Long generation = plan.proxy().getMetadata().getGeneration();
    DeploymentStatus observed = deployment.map(Deployment::getStatus).orElse(null);
    int replicas = observed == null || observed.getReplicas() == null ? 0 : observed.getReplicas();
    int ready =
        observed == null || observed.getReadyReplicas() == null ? 0 : observed.getReadyReplicas();
    int desired = plan.replicas();

    SocketXProxyStatus status = new SocketXProxyStatus();
    status.setObservedGeneration(generation);
    status.setReplicas(replicas);
    status.setReadyReplicas(ready);
    status.setSelector(plan.names().selector());
    status.setConfigMapName(plan.names().configMap());
    status.setRoutes((int) plan.routes().acceptedRoutes());
    status.setRouteStatusHash(plan.routes().outcomeDigest());
    List<Condition> conditions = previous == null ? null : previous.getConditions();

    boolean tooLarge = plan.layout().kind() == ConfigLayout.Kind.TOO_LARGE;
    if (tooLarge && previous != null) {
      // the ConfigMap still holds the last good map: report what is actually served
      status.setConfigHash(previous.getConfigHash());
      status.setConfigBytes(previous.getConfigBytes());
      status.setConfigCompressed(previous.getConfigCompressed());
    } else if (!tooLarge) {
      status.setConfigHash(plan.document().sha256());
      status.setConfigBytes(plan.document().bytes());
      status.setConfigCompressed(plan.layout().kind() == ConfigLayout.Kind.COMPRESSED);
    }
    conditions = routesResolved(plan, conditions, generation, now);

    boolean isReady = ready >= desired;
    String reason =
        desired == 0
            ? Reasons.SCALED_TO_ZERO
            : isReady ? Reasons.DEPLOYMENT_READY : Reasons.DEPLOYMENT_NOT_READY;
    String message = ready + " of " + desired + " proxy pods ready";
    conditions =
        StatusConditions.set(
            conditions, Conditions.READY, isReady, reason, message, generation, now);
    status.setConditions(conditions);
    return status;
  }

  private static List<Condition> routesResolved(
      ProxyPlan plan, List<Condition> conditions, Long generation, String now) {
    RouteResolution routes = plan.routes();
    long rejected = routes.outcomes().size() - routes.acceptedRoutes();
    if (plan.layout().kind() == ConfigLayout.Kind.TOO_LARGE) {
      return StatusConditions.set(
          conditions,
          Conditions.ROUTES_RESOLVED,
          false,
          Reasons.CONFIG_TOO_LARGE,
          "DOMAIN_MAP is "
              + plan.document().bytes()
              + " bytes, "
              + plan.layout().storedBytes()
              + " compressed, above the ConfigMap limit of "
              + ProxyDefaults.MAX_CONFIGMAP_PAYLOAD_BYTES
              + "; the last good map stays in place",
          generation,
          now);
    }
    Optional<String> defaultProblem = routes.defaultRouteProblem();
    if (defaultProblem.isPresent()) {
      return StatusConditions.set(
          conditions,
          Conditions.ROUTES_RESOLVED,
          false,
          Reasons.INVALID_SPEC,
          defaultProblem.get(),
          generation,
          now);
    }
    return StatusConditions.set(
        conditions,
        Conditions.ROUTES_RESOLVED,
        true,
        Reasons.CONFIG_WRITTEN,
        routes.acceptedRoutes()
            + " routes accepted, "
            + rejected
            + " rejected; DOMAIN_MAP "
            + plan.document().bytes()
            + " bytes"
            + (plan.layout().kind() == ConfigLayout.Kind.COMPRESSED ? " (gzip)" : ""),
        generation,
        now);
  }

  private ProxyStatusModel() {}
}
