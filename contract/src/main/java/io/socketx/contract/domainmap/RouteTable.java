package io.socketx.contract.domainmap;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, validated snapshot of all routes, resolved in this order: exact host with port,
 * exact host (any port), {@code *.suffix} with port, {@code *.suffix} (longest suffix first), then
 * {@code *}.
 */
public final class RouteTable {
  private static final RouteTable EMPTY = new RouteTable(Map.of(), Map.of(), null);

  private final Map<HostAndPort, Route> exact;

  /** {@code *.suffix[:port]} routes keyed by suffix and port: lookups cost one probe per label. */
  private final Map<HostAndPort, Route> wildcards;

  private final Route fallback;

  private RouteTable(
      Map<HostAndPort, Route> exact, Map<HostAndPort, Route> wildcards, Route fallback) {
    this.exact = Map.copyOf(exact);
    this.wildcards = Map.copyOf(wildcards);
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
      Key parsed = keyOf(key);
      boolean wildcard = parsed.wildcard();
      HostAndPort normalized = parsed.host();
      Map<HostAndPort, Route> target = wildcard ? wildcardKeys : exact;
      Route previous = target.putIfAbsent(normalized, route);
      if (previous != null) {
        throw new InvalidRoutesException(
            "entries '" + previous.key() + "' and '" + key + "' name the same host");
      }
    }
    return new RouteTable(exact, wildcardKeys, fallback);
  }

  /**
   * A parsed route key: the host (without {@code *.}) and its port; {@code *} is the wildcard with
   * host {@code *}.
   */
  public record Key(HostAndPort host, boolean wildcard) {
    /** Whether this is the catch-all {@code *}. */
    public boolean catchAll() {
      return wildcard && host.host().equals("*");
    }
  }

  /**
   * Parses a route key with the normalisation lookups use (lower case, no trailing dot, IPv6
   * compressed), so that the operator's conflict check and the proxy agree on what a key covers.
   *
   * @throws InvalidRoutesException naming the key and the problem
   */
  public static Key keyOf(String key) throws InvalidRoutesException {
    if (key.equals("*")) {
      return new Key(new HostAndPort("*", HostAndPort.NO_PORT), true);
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
    return new Key(new HostAndPort(rest, hp.port()), wildcard);
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
    all.addAll(wildcards.values());
    if (fallback != null) {
      all.add(fallback);
    }
    return List.copyOf(all);
  }

  public int size() {
    return exact.size() + wildcards.size() + (fallback == null ? 0 : 1);
  }

  /**
   * The wildcard for the longest suffix of the host that has at least one label before it, the
   * port-specific entry first: {@code a.b.example.com} probes {@code b.example.com}, then {@code
   * example.com}, then {@code com}.
   */
  private Route matchWildcard(HostAndPort requested) {
    if (wildcards.isEmpty()) {
      return null;
    }
    String host = requested.host();
    for (int dot = host.indexOf('.', 1); dot > 0; dot = host.indexOf('.', dot + 1)) {
      String suffix = host.substring(dot + 1);
      if (suffix.isEmpty()) {
        break;
      }
      Route route = null;
      if (requested.hasPort()) {
        route = wildcards.get(new HostAndPort(suffix, requested.port()));
      }
      if (route == null) {
        route = wildcards.get(new HostAndPort(suffix, HostAndPort.NO_PORT));
      }
      if (route != null) {
        return route;
      }
    }
    return null;
  }
}
