package io.socketx.operator.model;

import static io.socketx.operator.Fixtures.created;
import static io.socketx.operator.Fixtures.proxy;
import static io.socketx.operator.Fixtures.route;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.socketx.contract.domainmap.DomainMapDocument;
import io.socketx.contract.domainmap.DomainMapEntry;
import io.socketx.crd.SocketXProxy;
import io.socketx.crd.SocketXRoute;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusModelTest {
  static final ProxyDefaults DEFAULTS = new ProxyDefaults("i", "cluster.local", 262144);

  static Deployment deployment(int replicas, int ready) {
    return new DeploymentBuilder()
        .withNewStatus()
        .withReplicas(replicas)
        .withReadyReplicas(ready)
        .endStatus()
        .build();
  }

  static Condition condition(List<Condition> conditions, String type) {
    return StatusConditions.find(conditions, type).orElseThrow();
  }

  @ParameterizedTest(name = "desired {0}, ready {1} -> {2} {3}")
  @CsvSource({
    "2, 2, True, DeploymentReady",
    "2, 1, False, DeploymentNotReady",
    "0, 0, True, ScaledToZero",
  })
  void readyFollowsTheDeployment(int desired, int ready, String status, String reason) {
    SocketXProxy proxy = proxy("apps", "edge");
    proxy.getSpec().setReplicas(desired);
    proxy.getMetadata().setGeneration(3L);
    var plan = ProxyPlan.of(proxy, List.of(), DEFAULTS);
    var result =
        ProxyStatusModel.status(
            plan, Optional.of(deployment(desired, ready)), null, "2026-01-01T00:00:00Z");
    Condition readyCondition = condition(result.getConditions(), "Ready");
    assertThat(readyCondition.getStatus()).isEqualTo(status);
    assertThat(readyCondition.getReason()).isEqualTo(reason);
    assertThat(readyCondition.getObservedGeneration()).isEqualTo(3L);
    assertThat(result.getObservedGeneration()).isEqualTo(3L);
    assertThat(result.getReadyReplicas()).isEqualTo(ready);
  }

  @Test
  void reportsRoutesConfigAndSelector() {
    SocketXProxy proxy = proxy("apps", "edge");
    SocketXRoute a =
        created(
            route("apps", "a", "edge", "ws://a:80", "h.example.com"),
            "2026-01-01T00:00:00Z",
            Map.of());
    SocketXRoute b =
        created(
            route("apps", "b", "edge", "ws://b:80", "h.example.com"),
            "2026-01-01T00:00:01Z",
            Map.of());
    var plan = ProxyPlan.of(proxy, List.of(a, b), DEFAULTS);
    var status = ProxyStatusModel.status(plan, Optional.empty(), null, "2026-01-01T00:00:00Z");
    assertThat(status.getRoutes()).isEqualTo(1);
    assertThat(status.getConfigHash()).isEqualTo(plan.document().sha256());
    assertThat(status.getConfigBytes()).isEqualTo(plan.document().bytes());
    assertThat(status.getConfigCompressed()).isFalse();
    assertThat(status.getConfigMapName()).isEqualTo("edge-domain-map");
    assertThat(status.getSelector())
        .isEqualTo("app.kubernetes.io/instance=edge,app.kubernetes.io/name=socketx-proxy");
    Condition resolved = condition(status.getConditions(), "RoutesResolved");
    assertThat(resolved.getStatus()).isEqualTo("True");
    assertThat(resolved.getMessage()).contains("1 routes accepted, 1 rejected");
  }

  @Test
  void tooLargeKeepsReportingTheServedConfig() {
    SocketXProxy proxy = proxy("apps", "edge");
    var good = ProxyPlan.of(proxy, List.of(), DEFAULTS);
    var before = ProxyStatusModel.status(good, Optional.empty(), null, "2026-01-01T00:00:00Z");
    var tooLarge =
        new ProxyPlan(
            proxy,
            DEFAULTS,
            good.names(),
            good.routes(),
            DomainMapDocument.of(
                new java.util.TreeMap<>(Map.of("x", new DomainMapEntry("ws://x", List.of("*"))))),
            new ConfigLayout(ConfigLayout.Kind.TOO_LARGE, null, 2_000_000),
            List.of());
    var after = ProxyStatusModel.status(tooLarge, Optional.empty(), before, "2026-01-01T00:01:00Z");
    assertThat(after.getConfigHash()).isEqualTo(before.getConfigHash());
    Condition resolved = condition(after.getConditions(), "RoutesResolved");
    assertThat(resolved.getStatus()).isEqualTo("False");
    assertThat(resolved.getReason()).isEqualTo("ConfigTooLarge");
    assertThat(resolved.getLastTransitionTime()).isEqualTo("2026-01-01T00:01:00Z");
  }

  @Test
  void transitionTimeMovesOnlyWhenStatusFlips() {
    var first = StatusConditions.set(null, "Ready", false, "A", "m", 1L, "t1");
    var sameStatus = StatusConditions.set(first, "Ready", false, "B", "m2", 2L, "t2");
    var flipped = StatusConditions.set(sameStatus, "Ready", true, "C", "m3", 3L, "t3");
    assertThat(condition(sameStatus, "Ready").getLastTransitionTime()).isEqualTo("t1");
    assertThat(condition(sameStatus, "Ready").getReason()).isEqualTo("B");
    assertThat(condition(flipped, "Ready").getLastTransitionTime()).isEqualTo("t3");
    assertThat(StatusConditions.set(flipped, "Other", true, "X", "", 3L, "t4")).hasSize(2);
  }

  @Test
  void routeStatusRecordsProxyUpstreamAndConditions() {
    SocketXRoute route =
        created(
            route("apps", "a", "edge", "ws://a:80", "h.example.com"),
            "2026-01-01T00:00:00Z",
            Map.of());
    route.getMetadata().setGeneration(4L);
    var accepted =
        RouteStatusModel.status(route, RouteOutcome.accepted("ws://a:80", "apps/edge"), "t");
    assertThat(accepted.getProxyRef().getNamespace()).isEqualTo("apps");
    assertThat(accepted.getProxyRef().getName()).isEqualTo("edge");
    assertThat(accepted.getUpstream()).isEqualTo("ws://a:80");
    assertThat(condition(accepted.getConditions(), "Accepted").getStatus()).isEqualTo("True");
    assertThat(condition(accepted.getConditions(), "ResolvedRefs").getStatus()).isEqualTo("True");

    var missing = RouteStatusModel.status(route, RouteOutcome.proxyNotFound("apps/edge"), "t");
    assertThat(condition(missing.getConditions(), "Accepted").getReason())
        .isEqualTo("ProxyNotFound");
    assertThat(condition(missing.getConditions(), "ResolvedRefs").getStatus()).isEqualTo("False");
    assertThat(missing.getObservedGeneration()).isEqualTo(4L);
  }
}
