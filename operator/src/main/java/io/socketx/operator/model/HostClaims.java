package io.socketx.operator.model;

import io.socketx.contract.domainmap.InvalidRoutesException;
import io.socketx.contract.domainmap.RouteTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who owns which host on one proxy, with the proxy's own normalisation ({@link RouteTable#keyOf}):
 * a host name belongs to the namespace that claimed it first, with or without a port, so {@code
 * victim.test:8443} from another namespace conflicts with {@code victim.test}, and {@code
 * *.example.com:8443} with {@code *.example.com}.
 */
final class HostClaims {

  /** Who holds a claim: the namespace (null for the proxy's own defaultRoute) and a description. */
  private record Owner(String namespace, String description, String host) {}

  /** A host name without its port, and whether it is a wildcard suffix. */
  private record Name(String host, boolean wildcard) {}

  private final Map<RouteTable.Key, Owner> keys = new HashMap<>();
  private final Map<Name, Owner> names = new HashMap<>();

  /** Parses route hosts; they have passed {@code DomainMapParser.checkHost} already. */
  static RouteTable.Key key(String host) {
    try {
      return RouteTable.keyOf(host);
    } catch (InvalidRoutesException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Why {@code namespace} cannot claim {@code hosts}, naming the owner that holds one of them;
   * empty when it can.
   */
  Optional<String> conflict(String namespace, List<String> hosts) {
    for (String host : hosts) {
      RouteTable.Key key = key(host);
      Owner owner = keys.get(key);
      if (owner == null && !key.catchAll()) {
        Owner byName = names.get(name(key));
        if (byName != null && !Objects.equals(byName.namespace(), namespace)) {
          owner = byName;
        }
      }
      if (owner != null) {
        String same = owner.host().equals(host) ? "" : " (as " + owner.host() + ")";
        return Optional.of("host " + host + " is already served by " + owner.description() + same);
      }
    }
    return Optional.empty();
  }

  /** Records {@code hosts} as owned; call only after {@link #conflict} found none. */
  void claim(String namespace, String description, List<String> hosts) {
    for (String host : hosts) {
      RouteTable.Key key = key(host);
      Owner owner = new Owner(namespace, description, host);
      keys.putIfAbsent(key, owner);
      if (!key.catchAll()) {
        names.putIfAbsent(name(key), owner);
      }
    }
  }

  private static Name name(RouteTable.Key key) {
    return new Name(key.host().host(), key.wildcard());
  }
}
