package io.socketx.operator.model;

import io.socketx.contract.domainmap.DomainMapEntry;
import io.socketx.contract.domainmap.DomainMapParser;
import io.socketx.contract.domainmap.InvalidRoutesException;
import io.socketx.contract.domainmap.RouteTable;
import io.socketx.contract.upstream.UpstreamPolicy;
import io.socketx.crd.AllowedRoutes;
import io.socketx.crd.DefaultRoute;
import io.socketx.crd.RouteNamespaces;
import io.socketx.crd.SocketXApi;
import io.socketx.crd.SocketXApi.Reasons;
import io.socketx.crd.SocketXProxy;
import io.socketx.crd.SocketXRoute;
import io.socketx.crd.SocketXRouteSpec;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Merges the SocketXRoutes that point at one proxy into its DOMAIN_MAP. Routes are considered
 * oldest first (creationTimestamp, then namespace/name); a route is accepted whole or not at all,
 * so one bad, forbidden or conflicting route never takes the others down.
 */
public final class RouteResolver {
  /** The DOMAIN_MAP key of the catch-all route. */
  public static final String CATCH_ALL = "*";

  private static final Pattern HOST = Pattern.compile(SocketXApi.HOST_PATTERN);
  private static final Pattern ORIGIN = Pattern.compile(SocketXApi.ORIGIN_PATTERN);

  /** Oldest first; a route without a timestamp (not yet stored) sorts last. */
  static final Comparator<SocketXRoute> OLDEST_FIRST =
      Comparator.comparing(RouteResolver::createdAt).thenComparing(RouteRef::of);

  private final UpstreamResolver upstreams;
  private final String clusterDomain;
  private final String apiServerHost;

  /**
   * A resolver for one cluster.
   *
   * @param clusterDomain the DNS domain Service upstreams resolve in
   * @param apiServerHost the API server's ClusterIP, which routes may not name; null outside a
   *     cluster
   */
  public RouteResolver(String clusterDomain, String apiServerHost) {
    this.upstreams = new UpstreamResolver(clusterDomain);
    this.clusterDomain = clusterDomain;
    this.apiServerHost = apiServerHost;
  }

  /** The proxy a route points at: proxyRef.namespace defaults to the route's namespace. */
  public static RouteRef targetOf(SocketXRoute route) {
    SocketXRouteSpec spec = route.getSpec();
    String namespace = route.getMetadata().getNamespace();
    if (spec == null || spec.getProxyRef() == null || spec.getProxyRef().getName() == null) {
      return new RouteRef(namespace, "");
    }
    String refNamespace = spec.getProxyRef().getNamespace();
    return new RouteRef(
        refNamespace == null || refNamespace.isEmpty() ? namespace : refNamespace,
        spec.getProxyRef().getName());
  }

  /** Merges those of {@code routes} that point at {@code proxy}, without cross-namespace grants. */
  public RouteResolution resolve(SocketXProxy proxy, Collection<SocketXRoute> routes) {
    return resolve(proxy, routes, RouteGrants.none());
  }

  /**
   * Merges those of {@code routes} that point at {@code proxy}; others are ignored. A route is
   * checked, in this order, for a valid upstream, the proxy's upstream policy, consent for a
   * reference into another namespace, valid hosts and origins, the proxy's allowedRoutes, the right
   * to claim wildcards, and hosts no older route owns.
   */
  public RouteResolution resolve(
      SocketXProxy proxy, Collection<SocketXRoute> routes, RouteGrants grants) {
    RouteRef proxyRef = RouteRef.of(proxy);
    UpstreamPolicy policy = ProxyUpstreamPolicy.of(proxy, clusterDomain, apiServerHost);
    SortedMap<String, DomainMapEntry> domainMap = new TreeMap<>();
    HostClaims claims = new HostClaims();
    String defaultRouteProblem = addDefaultRoute(proxy, policy, grants, domainMap, claims);

    SortedMap<RouteRef, RouteOutcome> outcomes = new TreeMap<>();
    routes.stream()
        .filter(r -> proxyRef.equals(targetOf(r)))
        .filter(r -> r.getMetadata().getDeletionTimestamp() == null)
        .sorted(OLDEST_FIRST)
        .forEach(
            r -> outcomes.put(RouteRef.of(r), admit(proxy, policy, grants, r, domainMap, claims)));
    return new RouteResolution(domainMap, outcomes, defaultRouteProblem);
  }

  private String addDefaultRoute(
      SocketXProxy proxy,
      UpstreamPolicy policy,
      RouteGrants grants,
      Map<String, DomainMapEntry> domainMap,
      HostClaims claims) {
    DefaultRoute route = proxy.getSpec() == null ? null : proxy.getSpec().getDefaultRoute();
    if (route == null) {
      return null;
    }
    String namespace = proxy.getMetadata().getNamespace();
    ResolvedUpstream upstream = upstreams.resolve(route.getUpstream(), namespace);
    if (!upstream.valid()) {
      return "defaultRoute: " + upstream.problem();
    }
    String refused =
        refusal(policy, grants, namespace, upstream).map(Refusal::message).orElse(null);
    if (refused != null) {
      return "defaultRoute: " + refused;
    }
    String originProblem = originProblem(route.getAllowedOrigins());
    if (originProblem != null) {
      return "defaultRoute: " + originProblem;
    }
    domainMap.put(CATCH_ALL, entry(upstream.url(), route.getAllowedOrigins()));
    claims.claim(
        null, "the defaultRoute of SocketXProxy " + RouteRef.of(proxy), List.of(CATCH_ALL));
    return null;
  }

  private RouteOutcome admit(
      SocketXProxy proxy,
      UpstreamPolicy policy,
      RouteGrants grants,
      SocketXRoute route,
      Map<String, DomainMapEntry> domainMap,
      HostClaims claims) {
    SocketXRouteSpec spec = route.getSpec();
    String proxyName = RouteRef.of(proxy).toString();
    String namespace = route.getMetadata().getNamespace();
    ResolvedUpstream upstream = upstreams.resolve(spec.getUpstream(), namespace);
    if (!upstream.valid()) {
      return RouteOutcome.invalidUpstream(upstream.problem());
    }
    Optional<Refusal> refused = refusal(policy, grants, namespace, upstream);
    if (refused.isPresent()) {
      return refused.get().outcome(upstream.url());
    }
    String hostProblem = hostProblem(spec.getHosts());
    if (hostProblem != null) {
      return RouteOutcome.rejected(Reasons.INVALID_HOST, hostProblem, upstream.url());
    }
    String originProblem = originProblem(spec.getAllowedOrigins());
    if (originProblem != null) {
      return RouteOutcome.rejected(Reasons.INVALID_ORIGIN, originProblem, upstream.url());
    }
    String notAllowed = notAllowedReason(proxy, route);
    if (notAllowed != null) {
      return RouteOutcome.rejected(Reasons.NOT_ALLOWED_BY_PROXY, notAllowed, upstream.url());
    }
    List<String> hosts = spec.getHosts().stream().distinct().sorted().toList();
    String wildcardProblem = wildcardProblem(proxy, namespace, hosts);
    if (wildcardProblem != null) {
      return RouteOutcome.rejected(Reasons.WILDCARD_NOT_ALLOWED, wildcardProblem, upstream.url());
    }
    Optional<String> conflict = claims.conflict(namespace, hosts);
    if (conflict.isPresent()) {
      return RouteOutcome.rejected(
          Reasons.HOST_CONFLICT, conflict.get() + " on SocketXProxy " + proxyName, upstream.url());
    }
    DomainMapEntry entry = entry(upstream.url(), spec.getAllowedOrigins());
    claims.claim(namespace, "SocketXRoute " + RouteRef.of(route), hosts);
    for (String host : hosts) {
      domainMap.put(host, entry);
    }
    return RouteOutcome.accepted(upstream.url(), proxyName);
  }

  /** Why an upstream may not be used, with the reason its route reports. */
  private record Refusal(String reason, String message) {
    RouteOutcome outcome(String url) {
      return Reasons.REF_NOT_PERMITTED.equals(reason)
          ? RouteOutcome.refNotPermitted(message, url)
          : RouteOutcome.rejected(reason, message, url);
    }
  }

  private static Optional<Refusal> refusal(
      UpstreamPolicy policy, RouteGrants grants, String namespace, ResolvedUpstream upstream) {
    Optional<String> forbidden = policy.refusal(URI.create(upstream.url()));
    if (forbidden.isPresent()) {
      return Optional.of(new Refusal(Reasons.UPSTREAM_FORBIDDEN, forbidden.get()));
    }
    UpstreamTarget target = upstream.target();
    if (target != null && !grants.permits(namespace, target)) {
      return Optional.of(
          new Refusal(
              Reasons.REF_NOT_PERMITTED,
              "upstream "
                  + upstream.url()
                  + " is "
                  + target
                  + ", which has no SocketXRouteGrant admitting routes from namespace "
                  + namespace));
    }
    return Optional.empty();
  }

  /** Wildcards and {@code *} only from the proxy's namespace or its wildcardNamespaces. */
  private static String wildcardProblem(SocketXProxy proxy, String namespace, List<String> hosts) {
    Optional<String> wildcard = hosts.stream().filter(h -> h.startsWith("*")).findFirst();
    if (wildcard.isEmpty()) {
      return null;
    }
    List<String> allowed =
        proxy.getSpec() == null || proxy.getSpec().getWildcardNamespaces() == null
            ? List.of()
            : proxy.getSpec().getWildcardNamespaces();
    if (namespace.equals(proxy.getMetadata().getNamespace()) || allowed.contains(namespace)) {
      return null;
    }
    return "host "
        + wildcard.get()
        + " is a wildcard, and SocketXProxy "
        + RouteRef.of(proxy)
        + " accepts wildcards only from namespaces "
        + (allowed.isEmpty()
            ? proxy.getMetadata().getNamespace()
            : proxy.getMetadata().getNamespace() + ", " + String.join(", ", allowed))
        + " (spec.wildcardNamespaces)";
  }

  private static DomainMapEntry entry(String upstream, List<String> origins) {
    return new DomainMapEntry(upstream, origins.stream().distinct().sorted().toList());
  }

  static String hostProblem(List<String> hosts) {
    if (hosts == null || hosts.isEmpty()) {
      return "hosts must name at least one host";
    }
    for (String host : hosts) {
      if (host == null || !HOST.matcher(host).matches()) {
        return "host " + host + " is not a lower-case host[:port], *.suffix or *";
      }
      try {
        DomainMapParser.checkHost(host);
      } catch (InvalidRoutesException e) {
        return "host " + host + ": " + e.getMessage();
      }
    }
    Map<RouteTable.Key, String> seen = new HashMap<>();
    for (String host : hosts.stream().distinct().toList()) {
      String previous = seen.putIfAbsent(HostClaims.key(host), host);
      if (previous != null) {
        return "hosts " + previous + " and " + host + " name the same host";
      }
    }
    return null;
  }

  static String originProblem(List<String> origins) {
    if (origins == null || origins.isEmpty()) {
      return "allowedOrigins must name at least one origin (use * for any)";
    }
    for (String origin : origins) {
      if (origin == null || !ORIGIN.matcher(origin).matches()) {
        return "origin " + origin + " is not *, http(s)://host[:port] or http(s)://*.suffix";
      }
    }
    try {
      DomainMapParser.origins(origins);
    } catch (InvalidRoutesException e) {
      return e.getMessage();
    }
    return null;
  }

  private static String notAllowedReason(SocketXProxy proxy, SocketXRoute route) {
    AllowedRoutes allowed = proxy.getSpec() == null ? null : proxy.getSpec().getAllowedRoutes();
    RouteNamespaces from =
        allowed == null || allowed.getFrom() == null ? RouteNamespaces.SAME : allowed.getFrom();
    String routeNamespace = route.getMetadata().getNamespace();
    String proxyNamespace = proxy.getMetadata().getNamespace();
    boolean namespaceAllowed =
        switch (from) {
          case SAME -> Objects.equals(routeNamespace, proxyNamespace);
          case ALL -> true;
          case LIST ->
              allowed.getNamespaces() != null && allowed.getNamespaces().contains(routeNamespace);
        };
    if (!namespaceAllowed) {
      return "SocketXProxy "
          + RouteRef.of(proxy)
          + " does not accept routes from namespace "
          + routeNamespace
          + " (allowedRoutes.from: "
          + from.value()
          + ")";
    }
    if (allowed != null
        && !LabelSelectorMatcher.matches(allowed.getSelector(), route.getMetadata().getLabels())) {
      return "the labels of this route do not match allowedRoutes.selector of SocketXProxy "
          + RouteRef.of(proxy);
    }
    return null;
  }

  private static Instant createdAt(SocketXRoute route) {
    String timestamp = route.getMetadata().getCreationTimestamp();
    if (timestamp == null) {
      return Instant.MAX;
    }
    try {
      return Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return Instant.MAX;
    }
  }
}
