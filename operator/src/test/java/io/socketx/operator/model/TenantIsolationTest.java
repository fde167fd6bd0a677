package io.socketx.operator.model;

import static io.socketx.operator.Fixtures.created;
import static io.socketx.operator.Fixtures.route;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.socketx.contract.domainmap.DomainMapDocument;
import io.socketx.contract.domainmap.DomainMapParser;
import io.socketx.contract.domainmap.InvalidRoutesException;
import io.socketx.crd.DefaultRoute;
import io.socketx.crd.GrantFrom;
import io.socketx.crd.GrantTo;
import io.socketx.crd.SocketXApi.Reasons;
import io.socketx.crd.SocketXProxy;
import io.socketx.crd.SocketXRoute;
import io.socketx.crd.SocketXRouteGrant;
import io.socketx.crd.SocketXRouteGrantSpec;
import io.socketx.crd.UpstreamPolicySpec;
import io.socketx.crd.UpstreamSpec;
import io.socketx.operator.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a tenant may not do to a shared proxy (issue 14): dial internal upstreams, use another
 * namespace's Services without its consent, or take over hosts with a port or a wildcard.
 */
class TenantIsolationTest {
  /**
   * The API server's ClusterIP as the operator's pod sees it: a documentation address (RFC 5737).
   */
  static final String API_SERVER = "192.0.2.1";

  static final RouteResolver RESOLVER = new RouteResolver("cluster.local", API_SERVER);
  static final String T1 = "2026-01-01T00:00:00Z";
  static final String T2 = "2026-01-01T00:00:01Z";

  static SocketXProxy sharedProxy() {
    SocketXProxy proxy = Fixtures.proxyAcceptingAllNamespaces("infra", "edge");
    proxy.getMetadata().setCreationTimestamp(T1);
    return proxy;
  }

  static SocketXRoute at(String ns, String name, String time, String upstream, String... hosts) {
    SocketXRoute route = created(route(ns, name, "edge", upstream, hosts), time, Map.of());
    route.getSpec().getProxyRef().setNamespace("infra");
    return route;
  }

  static RouteOutcome outcomeOf(
      SocketXProxy proxy, SocketXRoute route, RouteGrants grants, SocketXRoute... others) {
    List<SocketXRoute> all = new java.util.ArrayList<>(List.of(others));
    all.add(route);
    RouteResolution resolution = RESOLVER.resolve(proxy, all, grants);
    // whatever was refused, the proxy takes the document that remains
    String json = DomainMapDocument.of(resolution.domainMap()).json();
    try {
      assertThat(DomainMapParser.parse(json).size()).isEqualTo(resolution.domainMap().size());
    } catch (InvalidRoutesException e) {
      throw new AssertionError("the proxy would refuse " + json + ": " + e.getMessage(), e);
    }
    return resolution.outcome(RouteRef.of(route)).orElseThrow();
  }

  @ParameterizedTest(name = "{0} is UpstreamForbidden")
  @ValueSource(
      strings = {
        "ws://169.254.10.20/latest",
        "ws://[fe80::1]/",
        "ws://127.0.0.1:10250/",
        "ws://[::1]:2379/",
        "ws://0.0.0.0:80/",
        "ws://localhost:8080/",
        "wss://kubernetes.default.svc/",
        "wss://kubernetes.default.svc.cluster.local:443/api",
        "ws://metadata.google.internal/computeMetadata/v1",
        "wss://192.0.2.1/api",
        "wss://192.0.2.1:443/apis",
        "ws://edge.infra.svc.cluster.local:80/",
        "ws://edge.infra:80/",
        "ws://2852039166/"
      })
  void internalUpstreamsAreForbiddenAndNeverEnterTheDomainMap(String url) {
    SocketXRoute route = at("team-a", "r", T1, url, "a.example.com");
    RouteResolution resolution = RESOLVER.resolve(sharedProxy(), List.of(route));
    RouteOutcome outcome = resolution.outcome(RouteRef.of(route)).orElseThrow();
    assertThat(outcome.accepted()).isFalse();
    assertThat(outcome.reason()).isEqualTo(Reasons.UPSTREAM_FORBIDDEN);
    assertThat(outcome.message()).contains("forbidden").doesNotContain("?");
    assertThat(resolution.domainMap()).isEmpty();
  }

  @Test
  void aServiceReferenceToTheApiServerIsForbidden() {
    SocketXRoute route = at("default", "r", T1, "ws://x", "a.example.com");
    UpstreamSpec upstream = Fixtures.service("kubernetes", 443, null);
    upstream.getService().setNamespace("default");
    route.getSpec().setUpstream(upstream);
    assertThat(outcomeOf(sharedProxy(), route, RouteGrants.none()).reason())
        .isEqualTo(Reasons.UPSTREAM_FORBIDDEN);
  }

  @ParameterizedTest(name = "allow {1} admits {0}")
  @CsvSource({
    "ws://127.0.0.1:9000/, 127.0.0.0/8",
    "ws://[::1]:9000/, ::1",
    "ws://localhost:9000/, localhost",
    "wss://kubernetes/, kubernetes"
  })
  void theProxysAllowListAdmitsWhatItNames(String url, String allow) {
    SocketXProxy proxy = sharedProxy();
    UpstreamPolicySpec policy = new UpstreamPolicySpec();
    policy.setAllow(List.of(allow));
    proxy.getSpec().setUpstreamPolicy(policy);
    SocketXRoute route = at("team-a", "r", T1, url, "a.example.com");
    assertThat(outcomeOf(proxy, route, RouteGrants.none()).accepted()).isTrue();
  }

  @Test
  void aForbiddenDefaultRouteIsLeftOutAndNamed() {
    SocketXProxy proxy = sharedProxy();
    DefaultRoute defaultRoute = new DefaultRoute();
    defaultRoute.setUpstream(Fixtures.url("ws://169.254.10.20/"));
    defaultRoute.setAllowedOrigins(List.of("*"));
    proxy.getSpec().setDefaultRoute(defaultRoute);
    RouteResolution resolution = RESOLVER.resolve(proxy, List.of());
    assertThat(resolution.domainMap()).isEmpty();
    assertThat(resolution.defaultRouteProblem())
        .hasValueSatisfying(p -> assertThat(p).startsWith("defaultRoute: ").contains("forbidden"));
  }

  static SocketXRouteGrant grant(String namespace, List<String> from, List<String> to) {
    SocketXRouteGrant grant = new SocketXRouteGrant();
    grant.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName("g").build());
    SocketXRouteGrantSpec spec = new SocketXRouteGrantSpec();
    spec.setFrom(from.stream().map(GrantFrom::new).toList());
    spec.setTo(to.stream().map(GrantTo::new).toList());
    grant.setSpec(spec);
    return grant;
  }

  /** A route in team-a naming something in team-b, with and without team-b's consent. */
  @ParameterizedTest(name = "{0} with grant from={1} to={2}: accepted={3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ws://chat.team-b.svc.cluster.local:80/ | -      | -     | false",
        "ws://chat.team-b.svc:80/               | -      | -     | false",
        "ws://chat.team-b.svc.cluster.local./   | -      | -     | false",
        "ws://0.chat.team-b.svc.cluster.local/  | -      | -     | false",
        "ws://10-1-2-3.team-b.pod.cluster.local/| -      | -     | false",
        "ws://chat.team-b.svc.cluster.local:80/ | team-a | -     | true",
        "ws://chat.team-b.svc.cluster.local:80/ | team-a | chat  | true",
        "ws://chat.team-b.svc.cluster.local:80/ | team-a | other | false",
        "ws://chat.team-b.svc.cluster.local:80/ | team-c | -     | false",
        "ws://10-1-2-3.team-b.pod.cluster.local/| team-a | chat  | false",
        "ws://10-1-2-3.team-b.pod.cluster.local/| team-a | -     | true",
        "ws://chat.team-a.svc.cluster.local:80/ | -      | -     | true",
        "wss://chat.example.com/                | -      | -     | true"
      })
  void crossNamespaceReferencesNeedAGrant(String url, String from, String to, boolean accepted) {
    RouteGrants grants =
        from.equals("-")
            ? RouteGrants.none()
            : RouteGrants.of(
                List.of(grant("team-b", List.of(from), to.equals("-") ? List.of() : List.of(to))));
    RouteOutcome outcome =
        outcomeOf(sharedProxy(), at("team-a", "r", T1, url, "a.example.com"), grants);
    assertThat(outcome.accepted()).isEqualTo(accepted);
    if (!accepted) {
      assertThat(outcome.reason()).isEqualTo(Reasons.REF_NOT_PERMITTED);
      assertThat(outcome.refsResolved()).isFalse();
      assertThat(outcome.refsReason()).isEqualTo(Reasons.REF_NOT_PERMITTED);
      assertThat(outcome.message()).contains("team-b").contains("SocketXRouteGrant");
    }
  }

  @Test
  void aServiceReferenceWithANamespaceNeedsAGrantThere() {
    SocketXRoute route = at("team-a", "r", T1, "ws://x", "a.example.com");
    UpstreamSpec upstream = Fixtures.service("chat", 80, "/ws");
    upstream.getService().setNamespace("team-b");
    route.getSpec().setUpstream(upstream);

    RouteOutcome refused = outcomeOf(sharedProxy(), route, RouteGrants.none());
    assertThat(refused.reason()).isEqualTo(Reasons.REF_NOT_PERMITTED);
    assertThat(refused.message()).contains("Service team-b/chat");

    RouteOutcome granted =
        outcomeOf(
            sharedProxy(),
            route,
            RouteGrants.of(List.of(grant("team-b", List.of("team-a"), List.of("chat")))));
    assertThat(granted.accepted()).isTrue();
    assertThat(granted.upstream()).isEqualTo("ws://chat.team-b.svc.cluster.local:80/ws");
  }

  @Test
  void aGrantBeingDeletedNoLongerCounts() {
    SocketXRouteGrant grant = grant("team-b", List.of("team-a"), List.of());
    grant.getMetadata().setDeletionTimestamp(T2);
    RouteOutcome outcome =
        outcomeOf(
            sharedProxy(),
            at("team-a", "r", T1, "ws://chat.team-b.svc:80/", "a.example.com"),
            RouteGrants.of(List.of(grant)));
    assertThat(outcome.reason()).isEqualTo(Reasons.REF_NOT_PERMITTED);
  }

  /**
   * Host takeover: an older route from one namespace owns a host name with every port; a newer
   * route elsewhere claiming any spelling of it loses, and its status names the owner.
   */
  @ParameterizedTest(name = "{0} (team-a, older) vs {1} (team-b): team-b accepted={2}")
  @CsvSource({
    "victim.test, victim.test:8443, false",
    "victim.test:8443, victim.test, false",
    "victim.test:8443, victim.test:9443, false",
    "victim.test:443, victim.test:0443, false",
    "*.victim.test, *.victim.test:8443, false",
    "victim.test, other.test, true",
    "victim.test, a.victim.test, true",
    "*.victim.test, a.victim.test, true"
  })
  void portQualifiedAndWildcardHostsConflictWithThePlainHostTheyCover(
      String older, String newer, boolean newerAccepted) {
    SocketXProxy proxy = sharedProxy();
    proxy.getSpec().setWildcardNamespaces(List.of("team-a", "team-b"));
    SocketXRoute owner = at("team-a", "owner", T1, "ws://a:80", older);
    SocketXRoute challenger = at("team-b", "challenger", T2, "ws://b:80", newer);
    RouteOutcome outcome = outcomeOf(proxy, challenger, RouteGrants.none(), owner);
    assertThat(outcome.accepted()).isEqualTo(newerAccepted);
    if (!newerAccepted) {
      assertThat(outcome.reason()).isEqualTo(Reasons.HOST_CONFLICT);
      assertThat(outcome.message())
          .contains("host " + newer)
          .contains("already served by SocketXRoute team-a/owner")
          .contains("on SocketXProxy infra/edge");
    }
  }

  @Test
  void oneNamespaceMaySplitAHostByPort() {
    SocketXRoute plain = at("team-a", "plain", T1, "ws://a:80", "app.test");
    SocketXRoute tls = at("team-a", "tls", T2, "ws://b:80", "app.test:8443");
    assertThat(outcomeOf(sharedProxy(), tls, RouteGrants.none(), plain).accepted()).isTrue();
  }

  @Test
  void twoSpellingsOfOneHostInOneRouteAreInvalid() {
    RouteOutcome outcome =
        outcomeOf(
            sharedProxy(),
            at("team-a", "r", T1, "ws://a:80", "app.test:443", "app.test:0443"),
            RouteGrants.none());
    assertThat(outcome.reason()).isEqualTo(Reasons.INVALID_HOST);
    assertThat(outcome.message()).contains("name the same host");
  }

  @Test
  void theOwnerIsTheOldestWhateverTheOrderRoutesArrive() {
    SocketXRoute older = at("team-z", "r", T1, "ws://z:80", "victim.test:8443");
    SocketXRoute newer = at("team-a", "r", T2, "ws://a:80", "victim.test");
    for (List<SocketXRoute> order : List.of(List.of(older, newer), List.of(newer, older))) {
      RouteResolution resolution = RESOLVER.resolve(sharedProxy(), order, RouteGrants.none());
      assertThat(resolution.outcome(RouteRef.of(older)).orElseThrow().accepted()).isTrue();
      assertThat(resolution.outcome(RouteRef.of(newer)).orElseThrow().message())
          .contains("SocketXRoute team-z/r");
    }
  }

  @ParameterizedTest(name = "{0} from {1}, wildcardNamespaces={2}: accepted={3}")
  @CsvSource({
    "*, team-a, -, false",
    "*.example.com, team-a, -, false",
    "*.example.com:8443, team-a, -, false",
    "*.example.com, team-a, team-a, true",
    "*, team-a, team-a, true",
    "*.example.com, team-b, team-a, false",
    "*.example.com, infra, -, true",
    "a.example.com, team-a, -, true"
  })
  void wildcardsOnlyFromNamespacesTheProxyAllows(
      String host, String namespace, String wildcardNamespaces, boolean accepted) {
    SocketXProxy proxy = sharedProxy();
    if (!wildcardNamespaces.equals("-")) {
      proxy.getSpec().setWildcardNamespaces(List.of(wildcardNamespaces));
    }
    RouteOutcome outcome =
        outcomeOf(proxy, at(namespace, "r", T1, "ws://a:80", host), RouteGrants.none());
    assertThat(outcome.accepted()).isEqualTo(accepted);
    if (!accepted) {
      assertThat(outcome.reason()).isEqualTo(Reasons.WILDCARD_NOT_ALLOWED);
      assertThat(outcome.message()).contains(host).contains("spec.wildcardNamespaces");
    }
  }

  @ParameterizedTest(name = "allow {0}: problem {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "10.0.0.0/33 | prefix longer than 32 bits",
        "example.com/8 | is not a CIDR block",
        "exa_mple.com | is not a CIDR block, an IP address, a host name or *.suffix"
      })
  void anInvalidAllowListIsAnInvalidSpecNamingTheField(String rule, String problem) {
    SocketXProxy proxy = sharedProxy();
    UpstreamPolicySpec policy = new UpstreamPolicySpec();
    policy.setAllow(List.of("127.0.0.1", rule));
    proxy.getSpec().setUpstreamPolicy(policy);
    assertThat(ProxyEnvironment.problems(proxy.getSpec()))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("spec.upstreamPolicy.allow");
              assertThat(p.problem()).contains(problem);
            });
  }

  @Test
  void theProxyIsToldTheSameRulesItsRoutesWereCheckedWith() {
    SocketXProxy proxy = sharedProxy();
    UpstreamPolicySpec policy = new UpstreamPolicySpec();
    policy.setAllow(List.of("127.0.0.1", "*.internal.example"));
    proxy.getSpec().setUpstreamPolicy(policy);
    Map<String, String> env = new java.util.HashMap<>();
    ProxyEnvironment.of(ProxyPlan.of(proxy, List.of(), StatusModelTest.DEFAULTS))
        .forEach(e -> env.put(e.getName(), e.getValue()));
    // host names are the operator's to check; the proxy checks the addresses names resolve to
    assertThat(env)
        .containsEntry("UPSTREAM_ALLOW", "127.0.0.1")
        .containsEntry("UPSTREAM_DENY", "link-local,loopback,unspecified,apiserver");
  }
}
