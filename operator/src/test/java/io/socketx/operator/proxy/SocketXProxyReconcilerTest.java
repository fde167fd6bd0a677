package io.socketx.operator.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.socketx.crd.ProxyRef;
import io.socketx.crd.SocketXRoute;
import io.socketx.crd.SocketXRouteStatus;
import io.socketx.operator.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SocketXProxyReconcilerTest {

  static SocketXRoute route() {
    SocketXRoute route = Fixtures.route("apps", "chat", "edge", "ws://x:80", "x.example.com");
    route.getMetadata().setGeneration(1L);
    return route;
  }

  @Test
  void routeMapsToItsProxyAndToTheProxyItWasAttachedTo() {
    SocketXRoute route = route();
    assertThat(SocketXProxyReconciler.proxiesOf(route))
        .containsExactly(new ResourceID("edge", "apps"));
    SocketXRouteStatus status = new SocketXRouteStatus();
    ProxyRef previous = new ProxyRef();
    previous.setName("old");
    previous.setNamespace("socketx");
    status.setProxyRef(previous);
    route.setStatus(status);
    assertThat(SocketXProxyReconciler.proxiesOf(route))
        .containsExactlyInAnyOrder(
            new ResourceID("edge", "apps"), new ResourceID("old", "socketx"));
  }

  @Test
  void onlySpecLabelAndDeletionChangesReachTheProxy() {
    SocketXRoute before = route();
    SocketXRoute statusOnly = route();
    statusOnly.setStatus(new SocketXRouteStatus());
    assertThat(SocketXProxyReconciler.affectsProxies(statusOnly, before)).isFalse();

    SocketXRoute specChanged = route();
    specChanged.getMetadata().setGeneration(2L);
    assertThat(SocketXProxyReconciler.affectsProxies(specChanged, before)).isTrue();

    SocketXRoute labelled = route();
    labelled.getMetadata().setLabels(Map.of("a", "b"));
    assertThat(SocketXProxyReconciler.affectsProxies(labelled, before)).isTrue();

    SocketXRoute deleting = route();
    deleting.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
    assertThat(SocketXProxyReconciler.affectsProxies(deleting, before)).isTrue();
  }
}
