package io.socketx.operator.proxy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.socketx.contract.domainmap.DomainMapKeys;
import io.socketx.crd.CrossFieldRules;
import io.socketx.crd.SocketXApi.Conditions;
import io.socketx.crd.SocketXApi.Reasons;
import io.socketx.crd.SocketXProxy;
import io.socketx.crd.SocketXProxyStatus;
import io.socketx.crd.SocketXRoute;
import io.socketx.operator.EventRecorder;
import io.socketx.operator.RouteGrantSource;
import io.socketx.operator.StatusPatches;
import io.socketx.operator.model.ConditionState;
import io.socketx.operator.model.IdentityOutcome;
import io.socketx.operator.model.IdentityStatusModel;
import io.socketx.operator.model.InstanceReport;
import io.socketx.operator.model.ProxyDefaults;
import io.socketx.operator.model.ProxyEnvironment;
import io.socketx.operator.model.ProxyNames;
import io.socketx.operator.model.ProxyPlan;
import io.socketx.operator.model.ProxyStatusModel;
import io.socketx.operator.model.RouteRef;
import io.socketx.operator.model.RouteResolver;
import io.socketx.operator.model.SecretMounts;
import io.socketx.operator.model.SpecProblem;
import io.socketx.operator.model.StatusConditions;
import io.socketx.operator.model.TlsSecretCheck;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Reconciles a SocketXProxy: merges the routes that point at it into a plan, lets the workflow
 * apply the dependents built from that plan, then reports status. Route events re-reconcile the
 * proxy a route points at and the one it pointed at before (status.proxyRef).
 */
@Workflow(
    explicitInvocation = true,
    dependents = {
      @Dependent(name = "configmap", type = ConfigMapDependent.class),
      @Dependent(name = "serviceaccount", type = ServiceAccountDependent.class),
      @Dependent(name = "role", type = RoleDependent.class),
      @Dependent(name = "rolebinding", type = RoleBindingDependent.class),
      @Dependent(
          name = "deployment",
          type = DeploymentDependent.class,
          dependsOn = {"configmap", "rolebinding", "serviceaccount", "role"}),
      @Dependent(name = "service", type = ServiceDependent.class),
      @Dependent(
          name = "pdb",
          type = PdbV1Dependent.class,
          activationCondition = PdbConditions.PolicyV1Served.class,
          reconcilePrecondition = PdbConditions.MoreThanOneReplica.class),
      @Dependent(
          name = "pdb-v1beta1",
          type = PdbV1beta1Dependent.class,
          activationCondition = PdbConditions.OnlyPolicyV1beta1Served.class,
          reconcilePrecondition = PdbConditions.MoreThanOneReplica.class)
    })
@ControllerConfiguration(name = SocketXProxyReconciler.NAME)
public class SocketXProxyReconciler implements Reconciler<SocketXProxy> {
  public static final String NAME = "socketxproxy";
  static final String ROUTES_EVENT_SOURCE = "routes";
  static final String INSTANCES_EVENT_SOURCE = "instances";

  /** How soon a missing or unusable identity or TLS Secret is looked at again. */
  static final Duration SECRET_PROBLEM_RECHECK = Duration.ofSeconds(30);

  /**
   * How often usable Secrets are looked at again (a user's key replaced, a certificate expiring).
   */
  static final Duration SECRET_RECHECK = Duration.ofMinutes(5);

  private final ProxyDefaults defaults;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final AtomicReference<PolicyApi> policyApi = new AtomicReference<>();

  public SocketXProxyReconciler(ProxyDefaults defaults, Clock clock) {
    this.defaults = defaults;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, SocketXProxy>> prepareEventSources(
      EventSourceContext<SocketXProxy> context) {
    var routes =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(SocketXRoute.class, SocketXProxy.class)
                .withName(ROUTES_EVENT_SOURCE)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(SocketXProxyReconciler::proxiesOf)
                .withOnUpdateFilter(SocketXProxyReconciler::affectsProxies)
                .build(),
            context);
    // heartbeat Leases of the proxy instances, for the Programmed condition
    var instances =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Lease.class, SocketXProxy.class)
                .withName(INSTANCES_EVENT_SOURCE)
                .withNamespacesInheritedFromController()
                .withLabelSelector(DomainMapKeys.PROXY_LABEL)
                .withSecondaryToPrimaryMapper(
                    lease ->
                        Set.of(
                            new ResourceID(
                                lease.getMetadata().getLabels().get(DomainMapKeys.PROXY_LABEL),
                                lease.getMetadata().getNamespace())))
                .build(),
            context);
    return List.of(routes, instances, RouteGrantSource.eventSource(context, SocketXProxy.class));
  }

  /**
   * The heartbeat Leases this proxy's pods created ({@code <configmap>-<pod>}, labelled with the
   * proxy), which its Role then lets them renew and delete.
   */
  static List<String> heartbeatLeases(SocketXProxy proxy, Set<Lease> leases) {
    String prefix = new ProxyNames(proxy).configMap() + "-";
    return leases.stream()
        .map(l -> l.getMetadata().getName())
        .filter(n -> n.startsWith(prefix))
        .sorted()
        .toList();
  }

  /** The proxy a route points at, and the one it was last attached to if that differs. */
  static Set<ResourceID> proxiesOf(SocketXRoute route) {
    Set<ResourceID> proxies = new HashSet<>();
    RouteRef target = RouteResolver.targetOf(route);
    if (!target.name().isEmpty()) {
      proxies.add(new ResourceID(target.name(), target.namespace()));
    }
    if (route.getStatus() != null && route.getStatus().getProxyRef() != null) {
      var previous = route.getStatus().getProxyRef();
      if (previous.getName() != null && previous.getNamespace() != null) {
        proxies.add(new ResourceID(previous.getName(), previous.getNamespace()));
      }
    }
    return proxies;
  }

  /**
   * A route's own status updates change nothing a proxy merges; spec, labels (allowedRoutes
   * selector) and deletion do.
   */
  static boolean affectsProxies(SocketXRoute updated, SocketXRoute previous) {
    return !Objects.equals(
            updated.getMetadata().getGeneration(), previous.getMetadata().getGeneration())
        || !Objects.equals(updated.getMetadata().getLabels(), previous.getMetadata().getLabels())
        || !Objects.equals(
            updated.getMetadata().getDeletionTimestamp(),
            previous.getMetadata().getDeletionTimestamp());
  }

  @Override
  public ErrorStatusUpdateControl<SocketXProxy> updateErrorStatus(
      SocketXProxy resource, Context<SocketXProxy> context, Exception e) {
    new EventRecorder(context.getClient()).reconcileFailed(resource, context.getRetryInfo(), e);
    return ErrorStatusUpdateControl.defaultErrorProcessing();
  }

  @Override
  public UpdateControl<SocketXProxy> reconcile(SocketXProxy proxy, Context<SocketXProxy> context) {
    List<SpecProblem> problems = new ArrayList<>(ProxyEnvironment.problems(proxy.getSpec()));
    // the API server evaluates these as CEL only from Kubernetes 1.25 on; check them everywhere
    CrossFieldRules.check(proxy.getSpec())
        .forEach(v -> problems.add(new SpecProblem(v.field(), v.value(), v.message())));
    if (!problems.isEmpty()) {
      // the proxy would refuse to start: write nothing, so running pods keep the last good spec
      String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
      SocketXProxyStatus status =
          ProxyStatusModel.invalidSpec(proxy, proxy.getStatus(), problems, now);
      recordInvalidSpec(proxy, proxy.getStatus(), status, context);
      return StatusPatches.patchIfChanged(proxy, status);
    }
    Instant started = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    // before the workflow, so a new proxy's pods find their identity Secret when they start
    IdentityOutcome identity =
        new IdentityKeeper(context.getClient(), random).reconcile(proxy, started);
    ConditionState tls = tlsCheck(proxy, context, started);
    Set<SocketXRoute> routes = context.getSecondaryResources(SocketXRoute.class);
    Set<Lease> leases = context.getSecondaryResources(Lease.class);
    ProxyPlan plan =
        ProxyPlan.of(
            proxy,
            routes,
            defaults,
            RouteGrantSource.current(context),
            heartbeatLeases(proxy, leases));
    ProxyWorkflowContext.put(context, plan, policyApi(context));
    context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();

    SocketXProxyStatus previous = proxy.getStatus();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    List<InstanceReport> reports =
        leases.stream().map(InstanceReport::of).flatMap(Optional::stream).toList();
    SocketXProxyStatus status =
        ProxyStatusModel.status(
            plan,
            context.getSecondaryResource(Deployment.class),
            previous,
            now.toString(),
            reports);
    IdentityStatusModel.apply(
        status,
        previous,
        plan.names().identity(),
        identity,
        tls,
        proxy.getMetadata().getGeneration(),
        now.toString());
    recordRoutesResolvedChange(proxy, previous, status, context);
    recordFalseCondition(proxy, previous, status, Conditions.IDENTITY_READY, context);
    recordFalseCondition(proxy, previous, status, Conditions.TLS_READY, context);
    UpdateControl<SocketXProxy> control = StatusPatches.patchIfChanged(proxy, status);
    // a report that expires without a Lease event (a pod killed hard) must still be noticed;
    // Secrets are not watched (the operator caches no Secret), so they are looked at again
    Stream<Instant> wakeUps =
        Stream.concat(
            reports.stream().map(InstanceReport::expiresAt).map(t -> t.plusSeconds(1)),
            Stream.of(
                    identity.publication() == null ? null : identity.publication().nextStepAt(),
                    now.plus(secretRecheck(identity, tls)))
                .filter(Objects::nonNull));
    wakeUps
        .filter(t -> t.isAfter(now))
        .min(Instant::compareTo)
        .ifPresent(t -> control.rescheduleAfter(Duration.between(now, t)));
    return control;
  }

  /** The TLS Secret check; null without spec.tls. */
  private static ConditionState tlsCheck(
      SocketXProxy proxy, Context<SocketXProxy> context, Instant now) {
    if (!SecretMounts.tls(proxy.getSpec())) {
      return null;
    }
    String name = proxy.getSpec().getTls().getSecretName();
    return TlsSecretCheck.check(
        name,
        context
            .getClient()
            .secrets()
            .inNamespace(proxy.getMetadata().getNamespace())
            .withName(name)
            .get(),
        now);
  }

  /** Soon while a Secret is missing or unusable (it may appear any moment), else now and then. */
  static Duration secretRecheck(IdentityOutcome identity, ConditionState tls) {
    boolean problem = !identity.check().ok() || (tls != null && !tls.ok());
    return problem ? SECRET_PROBLEM_RECHECK : SECRET_RECHECK;
  }

  private PolicyApi policyApi(Context<SocketXProxy> context) {
    // the served API set does not change under a running operator: once a policy API was found
    // keep it; "none" may be a discovery hiccup, so ask again next time
    return policyApi.updateAndGet(
        known ->
            known != null && known != PolicyApi.NONE
                ? known
                : PolicyApi.detect(context.getClient()));
  }

  private static void recordInvalidSpec(
      SocketXProxy proxy,
      SocketXProxyStatus previous,
      SocketXProxyStatus status,
      Context<SocketXProxy> context) {
    var before =
        StatusConditions.find(previous == null ? null : previous.getConditions(), Conditions.READY);
    var after = StatusConditions.find(status.getConditions(), Conditions.READY).orElseThrow();
    if (before.isEmpty() || !Objects.equals(before.get().getMessage(), after.getMessage())) {
      new EventRecorder(context.getClient()).warning(proxy, after.getReason(), after.getMessage());
    }
  }

  /** A Warning event when a condition of {@code type} turns False or changes its reason. */
  private static void recordFalseCondition(
      SocketXProxy proxy,
      SocketXProxyStatus previous,
      SocketXProxyStatus status,
      String type,
      Context<SocketXProxy> context) {
    var before = StatusConditions.find(previous == null ? null : previous.getConditions(), type);
    var after = StatusConditions.find(status.getConditions(), type);
    if (after.isPresent()
        && "False".equals(after.get().getStatus())
        && (before.isEmpty()
            || !Objects.equals(before.get().getMessage(), after.get().getMessage()))) {
      new EventRecorder(context.getClient())
          .warning(proxy, after.get().getReason(), after.get().getMessage());
    }
  }

  private static void recordRoutesResolvedChange(
      SocketXProxy proxy,
      SocketXProxyStatus previous,
      SocketXProxyStatus status,
      Context<SocketXProxy> context) {
    var before =
        StatusConditions.find(
            previous == null ? null : previous.getConditions(), Conditions.ROUTES_RESOLVED);
    var after =
        StatusConditions.find(status.getConditions(), Conditions.ROUTES_RESOLVED).orElseThrow();
    boolean changed =
        before.isEmpty() || !Objects.equals(before.get().getReason(), after.getReason());
    if (changed && !Reasons.CONFIG_WRITTEN.equals(after.getReason())) {
      new EventRecorder(context.getClient()).warning(proxy, after.getReason(), after.getMessage());
    }
  }
}
