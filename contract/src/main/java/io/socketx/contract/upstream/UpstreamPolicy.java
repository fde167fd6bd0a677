package io.socketx.contract.upstream;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which upstreams a proxy may dial: an upstream is refused when a deny rule names its host or
 * covers its address and no allow rule does. The operator checks route URLs with it before they
 * enter a DOMAIN_MAP; the proxy checks resolved addresses with the same rules before it dials.
 */
public final class UpstreamPolicy {

  /**
   * Named groups of address blocks, spelled as in {@code UPSTREAM_DENY}: {@code link-local} (cloud
   * metadata services, including AWS's IPv6 {@code fd00:ec2::254}), {@code loopback} (the pod's own
   * listeners, the kubelet's 10250 and etcd's 2379 on a host-network node) and {@code unspecified}
   * (Linux connects 0.0.0.0 to the local host).
   */
  public static final Map<String, List<String>> ADDRESS_CLASSES =
      Map.of(
          "link-local", List.of("169.254.0.0/16", "fe80::/10", "fd00:ec2::254/128"),
          "loopback", List.of("127.0.0.0/8", "::1/128"),
          "unspecified", List.of("0.0.0.0/8", "::/128"));

  /**
   * The entry that stands for the cluster's API server: the address in {@link #API_SERVER_HOST},
   * which the kubelet sets in every pod to the {@code kubernetes} Service's ClusterIP. Outside a
   * cluster (the variable unset) it covers nothing. The API server's names are in {@link
   * #CLUSTER_DENY_NAMES}.
   */
  public static final String API_SERVER = "apiserver";

  /** The variable that tells a pod where the API server is; the kubelet sets it in every pod. */
  public static final String API_SERVER_HOST = "KUBERNETES_SERVICE_HOST";

  /** What a standalone proxy refuses by default. */
  public static final String STANDALONE_DENY = "link-local,unspecified";

  /** The addresses proxies deployed by the operator or the charts refuse. */
  public static final String CLUSTER_DENY = "link-local,loopback,unspecified," + API_SERVER;

  /**
   * Names the operator also refuses in route URLs, whatever they resolve to: the GCE metadata
   * names, localhost and the API server's well-known names.
   */
  public static final List<String> CLUSTER_DENY_NAMES =
      List.of(
          "metadata.google.internal",
          "metadata",
          "localhost",
          "*.localhost",
          "kubernetes",
          "kubernetes.default",
          "kubernetes.default.svc");

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
   * Parses a comma-separated list of rules in a process outside a cluster, where {@link
   * #API_SERVER} covers nothing; see {@link #parseRules(String, String)}.
   *
   * @throws IllegalArgumentException naming the first invalid entry
   */
  public static List<UpstreamRule> parseRules(String commaSeparated) {
    return parseRules(commaSeparated, null);
  }

  /**
   * Parses a comma-separated list of rules (the form of {@code UPSTREAM_DENY} and {@code
   * UPSTREAM_ALLOW}): CIDR blocks, addresses, the {@link #ADDRESS_CLASSES} names, {@link
   * #API_SERVER}, host names and {@code *.suffix}; blank means none.
   *
   * @param apiServerHost what {@link #API_SERVER} stands for (the value of {@link
   *     #API_SERVER_HOST}); null or blank outside a cluster, where it covers nothing
   * @throws IllegalArgumentException naming the first invalid entry
   */
  public static List<UpstreamRule> parseRules(String commaSeparated, String apiServerHost) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return List.of();
    }
    List<UpstreamRule> rules = new ArrayList<>();
    for (String entry : commaSeparated.split(",")) {
      String e = entry.trim();
      if (e.isEmpty()) {
        continue;
      }
      List<String> blocks = ADDRESS_CLASSES.get(e);
      if (blocks != null) {
        blocks.forEach(b -> rules.add(UpstreamRule.parse(b)));
      } else if (e.equals(API_SERVER)) {
        apiServer(apiServerHost).ifPresent(rules::add);
      } else {
        rules.add(UpstreamRule.parse(e));
      }
    }
    return List.copyOf(rules);
  }

  private static Optional<UpstreamRule> apiServer(String host) {
    if (host == null || host.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(UpstreamRule.parse(host.trim()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          API_SERVER
              + " stands for "
              + API_SERVER_HOST
              + ", whose value '"
              + host
              + "' is neither an IP address nor a host name",
          e);
    }
  }

  /** The rules back in their comma-separated form (classes expanded to their blocks). */
  public static String format(List<UpstreamRule> rules) {
    return rules.stream().map(UpstreamRule::toString).collect(Collectors.joining(","));
  }

  /**
   * The address entries of a comma-separated list (blocks, addresses, class names, {@link
   * #API_SERVER}): the part a proxy checks on resolved addresses. Host-name entries are checked on
   * route URLs only.
   */
  public static String addressEntries(String commaSeparated) {
    if (commaSeparated == null) {
      return "";
    }
    return java.util.Arrays.stream(commaSeparated.split(","))
        .map(String::trim)
        .filter(e -> !e.isEmpty())
        .filter(
            e ->
                ADDRESS_CLASSES.containsKey(e)
                    || e.equals(API_SERVER)
                    || UpstreamRule.parse(e) instanceof UpstreamRule.AddressBlock)
        .collect(Collectors.joining(","));
  }

  /**
   * The rules routes of an operator-deployed proxy are checked against: {@link #CLUSTER_DENY} (its
   * {@link #API_SERVER} being {@code apiServerHost}, null when unknown), {@link
   * #CLUSTER_DENY_NAMES}, the API server's full name in {@code clusterDomain}, and {@code
   * selfHosts} (the names of the proxy's own Service).
   */
  public static List<UpstreamRule> clusterDefaults(
      String clusterDomain, String apiServerHost, List<String> selfHosts) {
    List<String> names = new ArrayList<>(CLUSTER_DENY_NAMES);
    names.add("kubernetes.default.svc." + clusterDomain);
    names.addAll(selfHosts);
    List<UpstreamRule> rules = new ArrayList<>(parseRules(CLUSTER_DENY, apiServerHost));
    names.forEach(n -> rules.add(UpstreamRule.parse(n)));
    return List.copyOf(rules);
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
