package io.socketx.operator.model;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.socketx.crd.SocketXApi.Conditions;
import io.socketx.crd.SocketXApi.Reasons;
import io.socketx.crd.SocketXProxy;
import io.socketx.crd.SocketXProxyStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Computes a SocketXProxy's status from its plan and its Deployment. Conditions: Ready (every
 * desired pod is ready) and RoutesResolved (routes merged and the DOMAIN_MAP written); a later
 * Programmed condition (every ready pod serves the current config hash) slots in beside them.
 */
public final class ProxyStatusModel {

  public static SocketXProxyStatus status(
      ProxyPlan plan, Optional<Deployment> deployment, SocketXProxyStatus previous, String now) {
    return status(plan, deployment, previous, now, List.of());
  }

  /** The status, with the Programmed condition computed from the instances' heartbeat reports. */
  public static SocketXProxyStatus status(
      ProxyPlan plan,
      Optional<Deployment> deployment,
      SocketXProxyStatus previous,
      String now,
      Collection<InstanceReport> reports) {
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
    conditions = programmed(status.getConfigHash(), reports, conditions, generation, now);
    boolean stalled = plan.layout().kind() == ConfigLayout.Kind.TOO_LARGE;
    conditions =
        StatusConditions.set(
            conditions,
            Conditions.STALLED,
            stalled,
            stalled ? Reasons.CONFIG_TOO_LARGE : Reasons.SPEC_VALID,
            stalled ? "the DOMAIN_MAP does not fit a ConfigMap" : "the proxy accepts the spec",
            generation,
            now);
    conditions =
        StatusConditions.set(
            conditions,
            Conditions.RECONCILING,
            !isReady,
            isReady ? Reasons.RECONCILED : Reasons.PROGRESSING,
            message,
            generation,
            now);
    status.setConditions(conditions);
    return status;
  }

  /**
   * The status of a proxy whose spec the proxy would refuse: nothing was written (the last good
   * Deployment and ConfigMap stay), Ready and Stalled say why, naming each field and value.
   */
  public static SocketXProxyStatus invalidSpec(
      SocketXProxy proxy, SocketXProxyStatus previous, List<SpecProblem> problems, String now) {
    Long generation = proxy.getMetadata().getGeneration();
    SocketXProxyStatus status = previous == null ? new SocketXProxyStatus() : copy(previous);
    status.setObservedGeneration(generation);
    String message =
        problems.stream().map(SpecProblem::message).collect(Collectors.joining("; "))
            + "; the last good Deployment and ConfigMap stay in place";
    List<Condition> conditions = status.getConditions();
    conditions =
        StatusConditions.set(
            conditions, Conditions.READY, false, Reasons.INVALID_SPEC, message, generation, now);
    conditions =
        StatusConditions.set(
            conditions, Conditions.STALLED, true, Reasons.INVALID_SPEC, message, generation, now);
    conditions =
        StatusConditions.set(
            conditions,
            Conditions.RECONCILING,
            false,
            Reasons.INVALID_SPEC,
            "waiting for a spec change",
            generation,
            now);
    status.setConditions(conditions);
    return status;
  }

  private static SocketXProxyStatus copy(SocketXProxyStatus previous) {
    return Serialization.clone(previous);
  }

  /**
   * Programmed: True once at least one instance reports and every live instance serves {@code
   * configHash}; reports past their lease duration are ignored (a stopped pod's Lease).
   */
  static List<Condition> programmed(
      String configHash,
      Collection<InstanceReport> reports,
      List<Condition> conditions,
      Long generation,
      String now) {
    Instant at = Instant.parse(now);
    List<InstanceReport> live = reports.stream().filter(r -> r.liveAt(at)).toList();
    long current = live.stream().filter(r -> r.configHash().equals(configHash)).count();
    String shortHash =
        configHash == null ? "none" : configHash.substring(0, Math.min(12, configHash.length()));
    if (live.isEmpty()) {
      return StatusConditions.set(
          conditions,
          Conditions.PROGRAMMED,
          false,
          Reasons.NO_INSTANCES,
          "no proxy instance has reported the config it serves yet",
          generation,
          now);
    }
    boolean all = current == live.size();
    return StatusConditions.set(
        conditions,
        Conditions.PROGRAMMED,
        all,
        all ? Reasons.ALL_INSTANCES_PROGRAMMED : Reasons.PROGRAMMING_PENDING,
        current + " of " + live.size() + " instances serve config " + shortHash,
        generation,
        now);
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
