package io.socketx.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.socketx.crd.SocketXRouteGrant;
import io.socketx.operator.model.RouteGrants;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Watches SocketXRouteGrants for a controller: any grant that appears, changes or disappears
 * re-evaluates every primary (grants are few and change rarely), and reconciliations read the
 * current grants from the informer's cache.
 */
public final class RouteGrantSource {
  static final String NAME = "routegrants";

  private RouteGrantSource() {}

  /** An event source that maps every grant event to every primary in the controller's cache. */
  public static <P extends HasMetadata> InformerEventSource<SocketXRouteGrant, P> eventSource(
      EventSourceContext<P> context, Class<P> primary) {
    var primaries = context.getPrimaryCache();
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(SocketXRouteGrant.class, primary)
            .withName(NAME)
            .withNamespacesInheritedFromController()
            .withSecondaryToPrimaryMapper(
                grant -> primaries.list().map(ResourceID::fromResource).collect(Collectors.toSet()))
            .withPrimaryToSecondaryMapper((P p) -> Set.of())
            .build(),
        context);
  }

  /** The grants in the informer's cache. */
  public static <P extends HasMetadata> RouteGrants current(Context<P> context) {
    var source =
        (InformerEventSource<SocketXRouteGrant, P>)
            context.eventSourceRetriever().getEventSourceFor(SocketXRouteGrant.class, NAME);
    return RouteGrants.of(source.list().toList());
  }
}
