package io.socketx.contract.upstream;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which upstreams a proxy may dial: an upstream is refused when a deny rule names its host or
 * covers its address and no allow rule does. The operator checks route URLs with it before they
 * enter a DOMAIN_MAP; the proxy checks resolved addresses with the same rules before it dials.
 */
public final class UpstreamPolicy {

  /**
   * What every proxy refuses unless allowed: link-local addresses (cloud metadata services,
   * including AWS's IPv6 {@code fd00:ec2::254}) and the GCE metadata name.
   */
  public static final List<String> LINK_LOCAL =
      List.of(
          "169.254.0.0/16", "fe80::/10", "fd00:ec2::254", "metadata.google.internal", "metadata");

  /**
   * What proxies deployed by the operator or the charts also refuse: loopback (the pod's own
   * listener, the kubelet's 10250 and etcd's 2379 on a host-network node), unspecified addresses
   * and the cluster's API server by its well-known names.
   */
  public static final List<String> CLUSTER_INTERNAL =
      List.of(
          "127.0.0.0/8",
          "::1",
          "0.0.0.0/8",
          "::",
          "localhost",
          "*.localhost",
          "kubernetes",
          "kubernetes.default",
          "kubernetes.default.svc",
          "*.kubernetes.default.svc");

  private static final UpstreamPolicy ALLOW_ALL = new UpstreamPolicy(List.of(), List.of());

  private final List<UpstreamRule> deny;
  private final List<UpstreamRule> allow;

  public UpstreamPolicy(List<UpstreamRule> deny, List<UpstreamRule> allow) {
    this.deny = List.copyOf(deny);
    this.allow = List.copyOf(allow);
  }

  /** A policy that refuses nothing. */
  public static UpstreamPolicy allowAll() {
    return ALLOW_ALL;
  }

  /**
   * Parses a comma-separated list of rules (the form of {@code UPSTREAM_DENY} and {@code
   * UPSTREAM_ALLOW}); blank means none.
   *
   * @throws IllegalArgumentException naming the first invalid entry
   */
  public static List<UpstreamRule> parseRules(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return List.of();
    }
    List<UpstreamRule> rules = new ArrayList<>();
    for (String entry : commaSeparated.split(",")) {
      if (!entry.isBlank()) {
        rules.add(UpstreamRule.parse(entry));
      }
    }
    return List.copyOf(rules);
  }

  /** The rules back in their comma-separated form. */
  public static String format(List<UpstreamRule> rules) {
    return rules.stream().map(UpstreamRule::toString).collect(Collectors.joining(","));
  }

  /**
   * The deny list of an operator-deployed proxy: {@link #LINK_LOCAL}, {@link #CLUSTER_INTERNAL},
   * the API server's full name in {@code clusterDomain}, and {@code selfHosts} (the names of the
   * proxy's own Service).
   */
  public static List<UpstreamRule> clusterDefaults(String clusterDomain, List<String> selfHosts) {
    List<String> entries = new ArrayList<>(LINK_LOCAL);
    entries.addAll(CLUSTER_INTERNAL);
    entries.add("kubernetes.default.svc." + clusterDomain);
    entries.addAll(selfHosts);
    return entries.stream().map(UpstreamRule::parse).toList();
  }

  public List<UpstreamRule> deny() {
    return deny;
  }

  public List<UpstreamRule> allow() {
    return allow;
  }

  /**
   * Why the policy refuses this upstream URL as written (its host name or IP literal), if it does.
   * Names are not resolved here: the proxy checks the addresses a name resolves to when it dials.
   */
  public Optional<String> refusal(URI upstream) {
    String host = hostOf(upstream);
    if (host == null) {
      return Optional.empty();
    }
    String h = host(host);
    Optional<InetAddress> literal = UpstreamAddresses.literal(h);
    if (literal.isPresent()) {
      return refusal(h, literal.get());
    }
    if (UpstreamAddresses.numericLookalike(h)) {
      return Optional.of(
          "upstream host "
              + host
              + " is forbidden: it reads as an IP address in a non-standard form; write the"
              + " address as a.b.c.d");
    }
    Optional<UpstreamRule> denied = first(deny, r -> r.matchesName(h));
    if (denied.isEmpty() || allowed(h, null)) {
      return Optional.empty();
    }
    return Optional.of(message(host, denied.get()));
  }

  /**
   * Why the policy refuses dialing {@code address}, which {@code host} resolved to, if it does: a
   * deny rule covers the address or names the host, and no allow rule covers or names either.
   */
  public Optional<String> refusal(String host, InetAddress address) {
    String h = host(host);
    Optional<UpstreamRule> denied = first(deny, r -> r.matchesAddress(address) || r.matchesName(h));
    if (denied.isEmpty() || allowed(h, address)) {
      return Optional.empty();
    }
    String shown =
        h.equals(address.getHostAddress()) ? h : h + " (" + address.getHostAddress() + ")";
    return Optional.of(message(shown, denied.get()));
  }

  /**
   * The URL's host; for an authority java.net.URI does not read as a host ({@code 127.1}, {@code
   * 0x7f.1}) the authority without user info and port, which a resolver may still read.
   */
  private static String hostOf(URI upstream) {
    if (upstream.getHost() != null) {
      return upstream.getHost();
    }
    String authority = upstream.getRawAuthority();
    if (authority == null) {
      return null;
    }
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    int colon = hostPort.lastIndexOf(':');
    return colon > 0 && !hostPort.endsWith("]") ? hostPort.substring(0, colon) : hostPort;
  }

  private boolean allowed(String host, InetAddress address) {
    return first(allow, r -> r.matchesName(host) || (address != null && r.matchesAddress(address)))
        .isPresent();
  }

  private static String message(String shown, UpstreamRule rule) {
    return "upstream "
        + shown
        + " is forbidden by the upstream policy (matches "
        + rule
        + "); allow it in spec.upstreamPolicy.allow or UPSTREAM_ALLOW if it is intended";
  }

  private static String host(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  private static Optional<UpstreamRule> first(
      List<UpstreamRule> rules, java.util.function.Predicate<UpstreamRule> test) {
    return rules.stream().filter(test).findFirst();
  }

  @Override
  public String toString() {
    return "deny=" + format(deny) + " allow=" + format(allow);
  }
}
