package io.socketx.proxy.relay;

import io.socketx.contract.upstream.UpstreamPolicy;
import io.socketx.contract.upstream.UpstreamRule;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which resolved upstream addresses the proxy may connect to: the shared {@link UpstreamPolicy}
 * ({@code UPSTREAM_DENY} unless {@code UPSTREAM_ALLOW} makes an exception), and never the proxy's
 * own listeners (a route to itself would loop). Every address a name resolves to is checked, and
 * the proxy then connects to a checked address, so a name cannot resolve to something else between
 * check and connect.
 */
public final class DialPolicy {
  /** Metric and log label for an address the upstream policy refuses. */
  public static final String DENIED = "policy_denied";

  /** Metric and log label for one of the proxy's own listeners. */
  public static final String SELF = "policy_self";

  private final UpstreamPolicy policy;
  private volatile Set<Integer> ownPorts = Set.of();

  public DialPolicy(List<UpstreamRule> deny, List<UpstreamRule> allow) {
    this.policy = new UpstreamPolicy(deny, allow);
  }

  /** Records the ports the proxy listens on, once they are bound. */
  public void listeningOn(Set<Integer> ports) {
    this.ownPorts = Set.copyOf(ports);
  }

  /**
   * Why one of the {@code addresses} {@code host} resolved to may not be connected ({@link
   * #DENIED}, {@link #SELF}), if so.
   */
  public Optional<String> refusal(String host, List<InetSocketAddress> addresses) {
    for (InetSocketAddress address : addresses) {
      InetAddress ip = address.getAddress();
      if (ownPorts.contains(address.getPort()) && isThisHost(ip)) {
        return Optional.of(SELF);
      }
      if (policy.refusal(host, ip).isPresent()) {
        return Optional.of(DENIED);
      }
    }
    return Optional.empty();
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
