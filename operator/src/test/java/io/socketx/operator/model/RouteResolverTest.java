package io.socketx.operator.model;

import static io.socketx.operator.Fixtures.created;
import static io.socketx.operator.Fixtures.proxy;
import static io.socketx.operator.Fixtures.route;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.socketx.contract.domainmap.DomainMapDocument;
import io.socketx.contract.domainmap.DomainMapEntry;
import io.socketx.crd.AllowedRoutes;
import io.socketx.crd.DefaultRoute;
import io.socketx.crd.RouteNamespaces;
import io.socketx.crd.SocketXApi.Reasons;
import io.socketx.crd.SocketXProxy;
import io.socketx.crd.SocketXRoute;
import io.socketx.operator.Fixtures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RouteResolverTest {
  static final RouteResolver RESOLVER = new RouteResolver("cluster.local", null);
  static final String T1 = "2026-01-01T00:00:00Z";
  static final String T2 = "2026-01-01T00:00:01Z";

  static SocketXRoute at(String ns, String name, String time, String upstream, String... hosts) {
    return created(route(ns, name, "edge", upstream, hosts), time, Map.of());
  }

  @Test
  void mergesRoutesIntoSortedDomainMap() {
    var resolution =
        RESOLVER.resolve(
            proxy("apps", "edge"),
            List.of(
                at("apps", "b", T1, "ws://b:80", "b.example.com", "*.b.example.com"),
                at("apps", "a", T1, "wss://a:443/ws", "a.example.com:8443")));
    assertThat(resolution.domainMap().keySet())
        .containsExactly("*.b.example.com", "a.example.com:8443", "b.example.com");
    assertThat(resolution.domainMap().get("a.example.com:8443").upstream())
        .isEqualTo("wss://a:443/ws");
    assertThat(resolution.acceptedRoutes()).isEqualTo(2);
  }

  /** Which of two routes claiming the same host wins. */
  static Stream<Arguments> precedence() {
    return Stream.of(
        Arguments.of(
            "older wins",
            at("apps", "z", T1, "ws://z:80", "h.example.com"),
            at("apps", "a", T2, "ws://a:80", "h.example.com"),
            "apps/z"),
        Arguments.of(
            "same time: namespace decides",
            at("b-ns", "a", T1, "ws://b:80", "h.example.com"),
            at("a-ns", "z", T1, "ws://a:80", "h.example.com"),
            "a-ns/z"),
        Arguments.of(
            "same time and namespace: name decides",
            at("apps", "b", T1, "ws://b:80", "h.example.com"),
            at("apps", "a", T1, "ws://a:80", "h.example.com"),
            "apps/a"),
        Arguments.of(
            "stored beats not yet stored",
            created(route("apps", "a", "edge", "ws://a:80", "h.example.com"), null, Map.of()),
            at("apps", "b", T2, "ws://b:80", "h.example.com"),
            "apps/b"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("precedence")
  void conflictIsWonByTheOldestRoute(
      String description, SocketXRoute one, SocketXRoute two, String winner) {
    SocketXProxy proxy = Fixtures.proxyAcceptingAllNamespaces("apps", "edge");
    one.getSpec().getProxyRef().setNamespace("apps");
    two.getSpec().getProxyRef().setNamespace("apps");
    for (List<SocketXRoute> order : List.of(List.of(one, two), List.of(two, one))) {
      var resolution = RESOLVER.resolve(proxy, order);
      RouteRef winnerRef = RouteRef.of(RouteRef.of(one).toString().equals(winner) ? one : two);
      RouteRef loserRef = RouteRef.of(winnerRef.equals(RouteRef.of(one)) ? two : one);
      assertThat(resolution.outcome(winnerRef).orElseThrow().accepted()).isTrue();
      RouteOutcome loser = resolution.outcome(loserRef).orElseThrow();
      assertThat(loser.accepted()).isFalse();
      assertThat(loser.reason()).isEqualTo(Reasons.HOST_CONFLICT);
      assertThat(loser.message()).contains("SocketXRoute " + winner).contains("h.example.com");
    }
  }

  @Test
  void losingRouteIsRejectedWholeAndOthersStillServe() {
    var resolution =
        RESOLVER.resolve(
            proxy("apps", "edge"),
            List.of(
                at("apps", "first", T1, "ws://first:80", "shared.example.com"),
                at("apps", "second", T2, "ws://second:80", "own.example.com", "shared.example.com"),
                at("apps", "third", T2, "ws://third:80", "own.example.com")));
    assertThat(resolution.domainMap()).containsOnlyKeys("shared.example.com", "own.example.com");
    assertThat(resolution.domainMap().get("own.example.com").upstream()).isEqualTo("ws://third:80");
  }

  /** Every rejection reason, from a valid route changed in one way. */
  static Stream<Arguments> rejections() {
    return Stream.of(
        Arguments.of(
            "http upstream",
            Reasons.INVALID_UPSTREAM,
            (Consumer<SocketXRoute>) r -> r.getSpec().setUpstream(Fixtures.url("http://x"))),
        Arguments.of(
            "upstream without host",
            Reasons.INVALID_UPSTREAM,
            (Consumer<SocketXRoute>) r -> r.getSpec().setUpstream(Fixtures.url("ws:///x"))),
        Arguments.of(
            "no upstream",
            Reasons.INVALID_UPSTREAM,
            (Consumer<SocketXRoute>) r -> r.getSpec().setUpstream(null)),
        Arguments.of(
            "url and service",
            Reasons.INVALID_UPSTREAM,
            (Consumer<SocketXRoute>)
                r ->
                    r.getSpec()
                        .getUpstream()
                        .setService(Fixtures.service("s", 80, null).getService())),
        Arguments.of(
            "service port 0",
            Reasons.INVALID_UPSTREAM,
            (Consumer<SocketXRoute>) r -> r.getSpec().setUpstream(Fixtures.service("s", 0, null))),
        Arguments.of(
            "service path without slash",
            Reasons.INVALID_UPSTREAM,
            (Consumer<SocketXRoute>) r -> r.getSpec().setUpstream(Fixtures.service("s", 80, "ws"))),
        Arguments.of(
            "upper-case host",
            Reasons.INVALID_HOST,
            (Consumer<SocketXRoute>) r -> r.getSpec().setHosts(List.of("Chat.example.com"))),
        Arguments.of(
            "host port 0",
            Reasons.INVALID_HOST,
            (Consumer<SocketXRoute>) r -> r.getSpec().setHosts(List.of("chat.example.com:0"))),
        Arguments.of(
            "host port too high",
            Reasons.INVALID_HOST,
            (Consumer<SocketXRoute>) r -> r.getSpec().setHosts(List.of("chat.example.com:70000"))),
        Arguments.of(
            "no hosts",
            Reasons.INVALID_HOST,
            (Consumer<SocketXRoute>) r -> r.getSpec().setHosts(List.of())),
        Arguments.of(
            "origin with path",
            Reasons.INVALID_ORIGIN,
            (Consumer<SocketXRoute>)
                r -> r.getSpec().setAllowedOrigins(List.of("https://a.example.com/x"))),
        Arguments.of(
            "no origins",
            Reasons.INVALID_ORIGIN,
            (Consumer<SocketXRoute>) r -> r.getSpec().setAllowedOrigins(List.of())),
        Arguments.of(
            "other namespace",
            Reasons.NOT_ALLOWED_BY_PROXY,
            (Consumer<SocketXRoute>)
                r -> {
                  r.getMetadata().setNamespace("tenant");
                  r.getSpec().getProxyRef().setNamespace("apps");
                }),
        Arguments.of(
            "catch-all taken by the proxy's default route",
            Reasons.HOST_CONFLICT,
            (Consumer<SocketXRoute>) r -> r.getSpec().setHosts(List.of("*"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejections")
  void rejectsRouteWithReason(String description, String reason, Consumer<SocketXRoute> change) {
    SocketXProxy proxy = proxy("apps", "edge");
    DefaultRoute fallback = new DefaultRoute();
    fallback.setUpstream(Fixtures.url("ws://fallback:80"));
    fallback.setAllowedOrigins(List.of("*"));
    proxy.getSpec().setDefaultRoute(fallback);
    SocketXRoute route = at("apps", "r", T1, "ws://ok:80", "ok.example.com");
    change.accept(route);
    var outcome = RESOLVER.resolve(proxy, List.of(route)).outcome(RouteRef.of(route)).orElseThrow();
    assertThat(outcome.accepted()).isFalse();
    assertThat(outcome.reason()).isEqualTo(reason);
    assertThat(outcome.message()).isNotBlank();
  }

  static Stream<Arguments> namespacePolicies() {
    AllowedRoutes all = new AllowedRoutes();
    all.setFrom(RouteNamespaces.ALL);
    AllowedRoutes list = new AllowedRoutes();
    list.setFrom(RouteNamespaces.LIST);
    list.setNamespaces(List.of("tenant-a"));
    AllowedRoutes selector = new AllowedRoutes();
    selector.setFrom(RouteNamespaces.ALL);
    selector.setSelector(new LabelSelectorBuilder().addToMatchLabels("expose", "true").build());
    AllowedRoutes expression = new AllowedRoutes();
    expression.setFrom(RouteNamespaces.ALL);
    expression.setSelector(
        new LabelSelectorBuilder()
            .addNewMatchExpression()
            .withKey("tier")
            .withOperator("NotIn")
            .withValues("internal")
            .endMatchExpression()
            .build());
    return Stream.of(
        Arguments.of("default Same, same namespace", null, "apps", Map.of(), true),
        Arguments.of("default Same, other namespace", null, "tenant-a", Map.of(), false),
        Arguments.of("All", all, "tenant-b", Map.of(), true),
        Arguments.of("List, listed", list, "tenant-a", Map.of(), true),
        Arguments.of("List, not listed", list, "tenant-b", Map.of(), false),
        Arguments.of("selector matches", selector, "tenant-b", Map.of("expose", "true"), true),
        Arguments.of(
            "selector does not match", selector, "tenant-b", Map.of("expose", "no"), false),
        Arguments.of("NotIn expression, label absent", expression, "x", Map.of(), true),
        Arguments.of(
            "NotIn expression, excluded value",
            expression,
            "x",
            Map.of("tier", "internal"),
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("namespacePolicies")
  void appliesAllowedRoutes(
      String description,
      AllowedRoutes allowed,
      String namespace,
      Map<String, String> labels,
      boolean accepted) {
    SocketXProxy proxy = proxy("apps", "edge");
    proxy.getSpec().setAllowedRoutes(allowed);
    SocketXRoute route =
        created(route(namespace, "r", "edge", "ws://x:80", "x.example.com"), T1, labels);
    route.getSpec().getProxyRef().setNamespace("apps");
    var outcome = RESOLVER.resolve(proxy, List.of(route)).outcome(RouteRef.of(route)).orElseThrow();
    assertThat(outcome.accepted()).isEqualTo(accepted);
    if (!accepted) {
      assertThat(outcome.reason()).isEqualTo(Reasons.NOT_ALLOWED_BY_PROXY);
    }
  }

  @Test
  void ignoresRoutesOfOtherProxiesAndRoutesBeingDeleted() {
    SocketXRoute other = at("apps", "other", T1, "ws://x:80", "x.example.com");
    other.getSpec().getProxyRef().setName("another");
    SocketXRoute deleting = at("apps", "deleting", T1, "ws://y:80", "y.example.com");
    deleting.getMetadata().setDeletionTimestamp(T2);
    var resolution = RESOLVER.resolve(proxy("apps", "edge"), List.of(other, deleting));
    assertThat(resolution.domainMap()).isEmpty();
    assertThat(resolution.outcomes()).isEmpty();
  }

  @Test
  void resolvesServiceUpstreamInTheRoutesNamespace() {
    SocketXRoute route = at("apps", "svc", T1, null, "svc.example.com");
    route.getSpec().setUpstream(Fixtures.service("chat", 9000, "/ws"));
    route.getSpec().getUpstream().getService().setScheme(io.socketx.crd.UpstreamScheme.WSS);
    var resolution = RESOLVER.resolve(proxy("apps", "edge"), List.of(route));
    assertThat(resolution.domainMap().get("svc.example.com").upstream())
        .isEqualTo("wss://chat.apps.svc.cluster.local:9000/ws");
  }

  @Test
  void defaultRouteBecomesCatchAllAndReportsProblems() {
    SocketXProxy proxy = proxy("apps", "edge");
    DefaultRoute fallback = new DefaultRoute();
    fallback.setUpstream(Fixtures.service("fallback", 8080, null));
    fallback.setAllowedOrigins(List.of("*"));
    proxy.getSpec().setDefaultRoute(fallback);
    var resolution = RESOLVER.resolve(proxy, List.of());
    assertThat(resolution.domainMap().get("*"))
        .isEqualTo(new DomainMapEntry("ws://fallback.apps.svc.cluster.local:8080", List.of("*")));
    assertThat(resolution.defaultRouteProblem()).isEmpty();

    fallback.setUpstream(Fixtures.url("http://nope"));
    var broken = RESOLVER.resolve(proxy, List.of());
    assertThat(broken.domainMap()).isEmpty();
    assertThat(broken.defaultRouteProblem())
        .hasValueSatisfying(p -> assertThat(p).contains("defaultRoute"));
  }

  @Test
  void outputIsDeterministicWhateverTheInputOrder() {
    List<SocketXRoute> routes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      routes.add(
          at(
              "apps",
              "r" + i,
              i % 2 == 0 ? T1 : T2,
              "ws://u" + i + ":80",
              "h" + (i % 7) + ".example.com"));
      routes
          .get(i)
          .getSpec()
          .setAllowedOrigins(List.of("https://b.example.com", "*", "https://a.example.com", "*"));
    }
    var first = RESOLVER.resolve(proxy("apps", "edge"), routes);
    Collections.reverse(routes);
    var second = RESOLVER.resolve(proxy("apps", "edge"), routes);
    assertThat(DomainMapDocument.of(second.domainMap()))
        .isEqualTo(DomainMapDocument.of(first.domainMap()));
    assertThat(second.outcomeDigest()).isEqualTo(first.outcomeDigest());
    assertThat(first.domainMap().get("h0.example.com").allowedOrigins())
        .containsExactly("*", "https://a.example.com", "https://b.example.com");
  }

  @Test
  void outcomeDigestChangesWhenAnOutcomeChanges() {
    var a = at("apps", "a", T1, "ws://a:80", "h.example.com");
    var b = at("apps", "b", T2, "ws://b:80", "h.example.com");
    String both = RESOLVER.resolve(proxy("apps", "edge"), List.of(a, b)).outcomeDigest();
    String onlyB = RESOLVER.resolve(proxy("apps", "edge"), List.of(b)).outcomeDigest();
    assertThat(both).isNotEqualTo(onlyB);
  }
}
