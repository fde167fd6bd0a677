package io.socketx.proxy.route;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, validated snapshot of all routes, resolved in this order: exact host with port,
 * exact host (any port), {@code *.suffix} with port, {@code *.suffix} (longest suffix first), then
 * {@code *}.
 */
public final class RouteTable {
  private static final RouteTable EMPTY = new RouteTable(Map.of(), List.of(), null);

  private final Map<HostAndPort, Route> exact;
  private final List<Wildcard> wildcards;
  private final Route fallback;

  private RouteTable(Map<HostAndPort, Route> exact, List<Wildcard> wildcards, Route fallback) {
    this.exact = Map.copyOf(exact);
    this.wildcards =
        wildcards.stream()
            .sorted(
                Comparator.comparingInt((Wildcard w) -> -w.suffix().length())
                    .thenComparing(w -> w.port() == HostAndPort.NO_PORT))
            .toList();
    this.fallback = fallback;
  }

  /** A table without routes: every request is answered 404. */
  public static RouteTable empty() {
    return EMPTY;
  }

  /**
   * Builds a table from routes keyed by their configured host pattern.
   *
   * @throws InvalidRoutesException when a key is not a host, {@code *.suffix} or {@code *}, or two
   *     keys normalize to the same host
   */
  public static RouteTable of(Collection<Route> routes) throws InvalidRoutesException {
    Map<HostAndPort, Route> exact = new java.util.HashMap<>();
    Map<HostAndPort, Route> wildcardKeys = new java.util.HashMap<>();
    Route fallback = null;
    for (Route route : routes) {
      String key = route.key();
      if (key.equals("*")) {
        if (fallback != null) {
          throw new InvalidRoutesException("entry '*' is defined twice");
        }
        fallback = route;
        continue;
      }
      HostAndPort hp;
      try {
        hp = HostAndPort.parse(key);
      } catch (IllegalArgumentException e) {
        throw new InvalidRoutesException("entry '" + key + "': " + e.getMessage());
      }
      boolean wildcard = hp.host().startsWith("*.");
      String rest = wildcard ? hp.host().substring(2) : hp.host();
      if (rest.isEmpty() || rest.contains("*")) {
        throw new InvalidRoutesException(
            "entry '" + key + "': a wildcard host must begin with '*.' (e.g. *.example.com)");
      }
      Map<HostAndPort, Route> target = wildcard ? wildcardKeys : exact;
      HostAndPort normalized = new HostAndPort(rest, hp.port());
      Route previous = target.putIfAbsent(normalized, route);
      if (previous != null) {
        throw new InvalidRoutesException(
            "entries '" + previous.key() + "' and '" + key + "' name the same host");
      }
    }
    List<Wildcard> wildcards =
        wildcardKeys.entrySet().stream()
            .map(e -> new Wildcard(e.getKey().host(), e.getKey().port(), e.getValue()))
            .toList();
    return new RouteTable(exact, wildcards, fallback);
  }

  /** The route for a request's {@code Host}, if any. */
  public Optional<Route> resolve(HostAndPort requested) {
    Route route = null;
    if (requested.hasPort()) {
      route = exact.get(requested);
    }
    if (route == null) {
      route = exact.get(new HostAndPort(requested.host(), HostAndPort.NO_PORT));
    }
    if (route == null) {
      route = matchWildcard(requested);
    }
    return Optional.ofNullable(route != null ? route : fallback);
  }

  /** Every route, in no particular order. */
  public List<Route> routes() {
    List<Route> all = new java.util.ArrayList<>(exact.values());
    wildcards.forEach(w -> all.add(w.route()));
    if (fallback != null) {
      all.add(fallback);
    }
    return List.copyOf(all);
  }

  public int size() {
    return exact.size() + wildcards.size() + (fallback == null ? 0 : 1);
  }

  private Route matchWildcard(HostAndPort requested) {
    // sorted longest suffix first and, for equal suffixes, port-specific first
    for (Wildcard w : wildcards) {
      boolean portMatches = w.port() == HostAndPort.NO_PORT || w.port() == requested.port();
      if (portMatches && HostMatching.matchesWildcard(w.suffix(), requested.host())) {
        return w.route();
      }
    }
    return null;
  }

  private record Wildcard(String suffix, int port, Route route) {}
}
