package io.socketx.operator.model;

import io.socketx.contract.Sha256Hex;
import io.socketx.contract.domainmap.DomainMapEntry;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * The result of merging a proxy's routes: its DOMAIN_MAP and the outcome of every route that points
 * at it, ordered by namespace/name.
 */
public final class RouteResolution {
  private final SortedMap<String, DomainMapEntry> domainMap;
  private final SortedMap<RouteRef, RouteOutcome> outcomes;
  private final String defaultRouteProblem;

  RouteResolution(
      SortedMap<String, DomainMapEntry> domainMap,
      SortedMap<RouteRef, RouteOutcome> outcomes,
      String defaultRouteProblem) {
    this.domainMap = Collections.unmodifiableSortedMap(domainMap);
    this.outcomes = Collections.unmodifiableSortedMap(outcomes);
    this.defaultRouteProblem = defaultRouteProblem;
  }

  /** Host to entry, sorted by host. */
  public SortedMap<String, DomainMapEntry> domainMap() {
    return domainMap;
  }

  public SortedMap<RouteRef, RouteOutcome> outcomes() {
    return outcomes;
  }

  public Optional<RouteOutcome> outcome(RouteRef route) {
    return Optional.ofNullable(outcomes.get(route));
  }

  public long acceptedRoutes() {
    return outcomes.values().stream().filter(RouteOutcome::accepted).count();
  }

  /** Why the proxy's own defaultRoute was left out, if it was. */
  public Optional<String> defaultRouteProblem() {
    return Optional.ofNullable(defaultRouteProblem);
  }

  /** Changes whenever any route's outcome changes; proxies publish it so route statuses follow. */
  public String outcomeDigest() {
    return Sha256Hex.of(
        outcomes.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue().digestLine())
            .collect(Collectors.joining("\n")));
  }
}
