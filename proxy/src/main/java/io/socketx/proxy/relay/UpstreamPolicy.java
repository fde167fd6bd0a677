package io.socketx.proxy.relay;

import io.socketx.contract.net.AddressBlock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which resolved upstream addresses the proxy may connect to: nothing in {@code UPSTREAM_DENY}
 * unless {@code UPSTREAM_ALLOW} makes an exception, and never the proxy's own listeners (a route to
 * itself would loop). Every address a name resolves to is checked, and the proxy then connects to a
 * checked address, so a name cannot resolve to something else between check and connect.
 */
public final class UpstreamPolicy {
  /** Metric and log label for an address in {@code UPSTREAM_DENY}. */
  public static final String DENIED = "policy_denied";

  /** Metric and log label for one of the proxy's own listeners. */
  public static final String SELF = "policy_self";

  private final List<AddressBlock> deny;
  private final List<AddressBlock> allow;
  private volatile Set<Integer> ownPorts = Set.of();

  public UpstreamPolicy(List<AddressBlock> deny, List<AddressBlock> allow) {
    this.deny = List.copyOf(deny);
    this.allow = List.copyOf(allow);
  }

  /** Records the ports the proxy listens on, once they are bound. */
  public void listeningOn(Set<Integer> ports) {
    this.ownPorts = Set.copyOf(ports);
  }

  /** Why one of {@code addresses} may not be connected ({@link #DENIED}, {@link #SELF}), if so. */
  public Optional<String> refusal(List<InetSocketAddress> addresses) {
    for (InetSocketAddress address : addresses) {
      Optional<String> refused = refusal(address);
      if (refused.isPresent()) {
        return refused;
      }
    }
    return Optional.empty();
  }

  private Optional<String> refusal(InetSocketAddress address) {
    InetAddress ip = address.getAddress();
    if (ownPorts.contains(address.getPort()) && isThisHost(ip)) {
      return Optional.of(SELF);
    }
    boolean denied = deny.stream().anyMatch(b -> b.contains(ip));
    boolean allowed = allow.stream().anyMatch(b -> b.contains(ip));
    return denied && !allowed ? Optional.of(DENIED) : Optional.empty();
  }

  private static boolean isThisHost(InetAddress ip) {
    if (ip.isLoopbackAddress() || ip.isAnyLocalAddress()) {
      return true;
    }
    try {
      return NetworkInterface.getByInetAddress(ip) != null;
    } catch (SocketException e) {
      return true; // cannot tell: err on the side of not looping
    }
  }
}
