package io.socketx.operator.model;

import io.socketx.contract.domainmap.DomainMapEntry;
import io.socketx.contract.domainmap.DomainMapParser;
import io.socketx.contract.domainmap.InvalidRoutesException;
import io.socketx.crd.AllowedRoutes;
import io.socketx.crd.DefaultRoute;
import io.socketx.crd.RouteNamespaces;
import io.socketx.crd.SocketXApi;
import io.socketx.crd.SocketXApi.Reasons;
import io.socketx.crd.SocketXProxy;
import io.socketx.crd.SocketXRoute;
import io.socketx.crd.SocketXRouteSpec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Merges the SocketXRoutes that point at one proxy into its DOMAIN_MAP. Routes are considered
 * oldest first (creationTimestamp, then namespace/name); a route is accepted whole or not at all,
 * so one bad or conflicting route never takes the others down.
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

  public RouteResolver(String clusterDomain) {
    this.upstreams = new UpstreamResolver(clusterDomain);
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

  /** Merges those of {@code routes} that point at {@code proxy}; others are ignored. */
  public RouteResolution resolve(SocketXProxy proxy, Collection<SocketXRoute> routes) {
    RouteRef proxyRef = RouteRef.of(proxy);
    SortedMap<String, DomainMapEntry> domainMap = new TreeMap<>();
    Map<String, String> owners = new HashMap<>();
    String defaultRouteProblem = addDefaultRoute(proxy, domainMap, owners);

    SortedMap<RouteRef, RouteOutcome> outcomes = new TreeMap<>();
    routes.stream()
        .filter(r -> proxyRef.equals(targetOf(r)))
        .filter(r -> r.getMetadata().getDeletionTimestamp() == null)
        .sorted(OLDEST_FIRST)
        .forEach(r -> outcomes.put(RouteRef.of(r), admit(proxy, r, domainMap, owners)));
    return new RouteResolution(domainMap, outcomes, defaultRouteProblem);
  }

  private String addDefaultRoute(
      SocketXProxy proxy, Map<String, DomainMapEntry> domainMap, Map<String, String> owners) {
    DefaultRoute route = proxy.getSpec() == null ? null : proxy.getSpec().getDefaultRoute();
    if (route == null) {
      return null;
    }
    ResolvedUpstream upstream =
        upstreams.resolve(route.getUpstream(), proxy.getMetadata().getNamespace());
    if (!upstream.valid()) {
      return "defaultRoute: " + upstream.problem();
    }
    String originProblem = originProblem(route.getAllowedOrigins());
    if (originProblem != null) {
      return "defaultRoute: " + originProblem;
    }
    domainMap.put(CATCH_ALL, entry(upstream.url(), route.getAllowedOrigins()));
    owners.put(CATCH_ALL, "the defaultRoute of SocketXProxy " + RouteRef.of(proxy));
    return null;
  }

  private RouteOutcome admit(
      SocketXProxy proxy,
      SocketXRoute route,
      Map<String, DomainMapEntry> domainMap,
      Map<String, String> owners) {
    SocketXRouteSpec spec = route.getSpec();
    String proxyName = RouteRef.of(proxy).toString();
    ResolvedUpstream upstream =
        upstreams.resolve(spec.getUpstream(), route.getMetadata().getNamespace());
    if (!upstream.valid()) {
      return RouteOutcome.invalidUpstream(upstream.problem());
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
    for (String host : hosts) {
      String owner = owners.get(host);
      if (owner != null) {
        return RouteOutcome.rejected(
            Reasons.HOST_CONFLICT,
            "host " + host + " is already served by " + owner + " on SocketXProxy " + proxyName,
            upstream.url());
      }
    }
    DomainMapEntry entry = entry(upstream.url(), spec.getAllowedOrigins());
    String owner = "SocketXRoute " + RouteRef.of(route);
    for (String host : hosts) {
      domainMap.put(host, entry);
      owners.put(host, owner);
    }
    return RouteOutcome.accepted(upstream.url(), proxyName);
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
