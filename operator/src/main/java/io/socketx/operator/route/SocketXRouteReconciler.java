package io.socketx.operator.route;

import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.socketx.crd.SocketXApi.Conditions;
import io.socketx.crd.SocketXApi.Reasons;
import io.socketx.crd.SocketXProxy;
import io.socketx.crd.SocketXRoute;
import io.socketx.crd.SocketXRouteStatus;
import io.socketx.operator.EventRecorder;
import io.socketx.operator.RouteGrantSource;
import io.socketx.operator.StatusPatches;
import io.socketx.operator.model.RouteOutcome;
import io.socketx.operator.model.RouteRef;
import io.socketx.operator.model.RouteResolver;
import io.socketx.operator.model.RouteStatusModel;
import io.socketx.operator.model.StatusConditions;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reconciles a SocketXRoute's status: runs the same merge as its proxy over the routes that point
 * at that proxy and reports this route's outcome. A proxy change (including its routeStatusHash,
 * which moves whenever any route's outcome moves) re-reconciles every route pointing at it.
 */
@ControllerConfiguration(name = SocketXRouteReconciler.NAME)
public class SocketXRouteReconciler implements Reconciler<SocketXRoute> {
  public static final String NAME = "socketxroute";
  static final String PROXY_INDEX = "socketx.io/proxy";

  private final RouteResolver resolver;
  private final Clock clock;

  public SocketXRouteReconciler(String clusterDomain, String apiServerHost, Clock clock) {
    this.resolver = new RouteResolver(clusterDomain, apiServerHost);
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, SocketXRoute>> prepareEventSources(
      EventSourceContext<SocketXRoute> context) {
    var routes = context.getPrimaryCache();
    routes.addIndexer(PROXY_INDEX, r -> List.of(RouteResolver.targetOf(r).toString()));
    var proxies =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(SocketXProxy.class, SocketXRoute.class)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(
                    proxy ->
                        routes.byIndex(PROXY_INDEX, RouteRef.of(proxy).toString()).stream()
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper(
                    (SocketXRoute route) -> {
                      RouteRef target = RouteResolver.targetOf(route);
                      return Set.of(new ResourceID(target.name(), target.namespace()));
                    })
                .build(),
            context);
    return List.of(proxies, RouteGrantSource.eventSource(context, SocketXRoute.class));
  }

  @Override
  public ErrorStatusUpdateControl<SocketXRoute> updateErrorStatus(
      SocketXRoute resource, Context<SocketXRoute> context, Exception e) {
    new EventRecorder(context.getClient()).reconcileFailed(resource, context.getRetryInfo(), e);
    return ErrorStatusUpdateControl.defaultErrorProcessing();
  }

  @Override
  public UpdateControl<SocketXRoute> reconcile(SocketXRoute route, Context<SocketXRoute> context) {
    RouteRef target = RouteResolver.targetOf(route);
    RouteOutcome outcome =
        context
            .getSecondaryResource(SocketXProxy.class)
            .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
            .flatMap(
                proxy ->
                    resolver
                        .resolve(
                            proxy,
                            siblings(route, target, context),
                            RouteGrantSource.current(context))
                        .outcome(RouteRef.of(route)))
            .orElseGet(() -> RouteOutcome.proxyNotFound(target.toString()));

    SocketXRouteStatus previous = route.getStatus();
    SocketXRouteStatus status =
        RouteStatusModel.status(
            route, outcome, clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    recordAcceptedChange(route, previous, status, context);
    return StatusPatches.patchIfChanged(route, status);
  }

  /** Routes pointing at the same proxy, with this route in its freshest version. */
  private static List<SocketXRoute> siblings(
      SocketXRoute route, RouteRef target, Context<SocketXRoute> context) {
    RouteRef self = RouteRef.of(route);
    List<SocketXRoute> siblings = new ArrayList<>();
    for (SocketXRoute r : context.getPrimaryCache().byIndex(PROXY_INDEX, target.toString())) {
      if (!RouteRef.of(r).equals(self)) {
        siblings.add(r);
      }
    }
    siblings.add(route);
    return siblings;
  }

  private static void recordAcceptedChange(
      SocketXRoute route,
      SocketXRouteStatus previous,
      SocketXRouteStatus status,
      Context<SocketXRoute> context) {
    var before =
        StatusConditions.find(
            previous == null ? null : previous.getConditions(), Conditions.ACCEPTED);
    var after = StatusConditions.find(status.getConditions(), Conditions.ACCEPTED).orElseThrow();
    boolean changed =
        before.isEmpty()
            || !Objects.equals(before.get().getReason(), after.getReason())
            || !Objects.equals(before.get().getMessage(), after.getMessage());
    if (!changed) {
      return;
    }
    EventRecorder events = new EventRecorder(context.getClient());
    if (Reasons.ACCEPTED.equals(after.getReason())) {
      events.normal(route, after.getReason(), after.getMessage());
    } else {
      events.warning(route, after.getReason(), after.getMessage());
    }
  }
}
