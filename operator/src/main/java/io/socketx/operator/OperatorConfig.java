package io.socketx.operator;

import io.socketx.operator.model.BillingIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The operator's settings, read once from environment variables at start-up; a bad value stops
 * start-up with a message naming the variable.
 *
 * @param proxyImage SOCKETX_PROXY_IMAGE: proxy image for SocketXProxies that name none
 * @param watchNamespaces SOCKETX_WATCH_NAMESPACES: comma-separated namespaces, empty for all
 * @param clusterDomain SOCKETX_CLUSTER_DOMAIN: DNS domain for Service upstreams
 * @param compressThresholdBytes SOCKETX_CONFIGMAP_COMPRESS_THRESHOLD: bytes above which the
 *     DOMAIN_MAP is written gzip-compressed
 * @param leaderElection SOCKETX_LEADER_ELECTION: run only while holding the Lease
 * @param leaseName SOCKETX_LEASE_NAME: name of the Lease
 * @param leaseNamespace SOCKETX_LEASE_NAMESPACE (default POD_NAMESPACE): namespace of the Lease
 * @param httpPort SOCKETX_HTTP_PORT: port of /healthz, /readyz and /metrics
 * @param serverSideApply SOCKETX_SERVER_SIDE_APPLY: patch with server-side apply
 * @param billingIdentity BILLING_PLAN_ID, AZURE_CLIENT_ID, AZURE_RESOURCE_ID: Marketplace identity
 *     passed to proxies whose billing strategy is request_based
 */
public record OperatorConfig(
    String proxyImage,
    Set<String> watchNamespaces,
    String clusterDomain,
    int compressThresholdBytes,
    boolean leaderElection,
    String leaseName,
    String leaseNamespace,
    int httpPort,
    boolean serverSideApply,
    BillingIdentity billingIdentity) {

  /** Settings without a Marketplace billing identity. */
  public OperatorConfig(
      String proxyImage,
      Set<String> watchNamespaces,
      String clusterDomain,
      int compressThresholdBytes,
      boolean leaderElection,
      String leaseName,
      String leaseNamespace,
      int httpPort,
      boolean serverSideApply) {
    this(
        proxyImage,
        watchNamespaces,
        clusterDomain,
        compressThresholdBytes,
        leaderElection,
        leaseName,
        leaseNamespace,
        httpPort,
        serverSideApply,
        BillingIdentity.NONE);
  }

  public static final String DEFAULT_PROXY_IMAGE = "ghcr.io/socketx/socketx-proxy:0.1.0";
  public static final int DEFAULT_COMPRESS_THRESHOLD = 256 * 1024;
  private static final Path SERVICE_ACCOUNT_NAMESPACE =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  /** Reads the settings from {@code env} (normally {@link System#getenv()}). */
  public static OperatorConfig from(Map<String, String> env) {
    Function<String, String> get =
        name -> {
          String v = env.get(name);
          return v == null || v.isBlank() ? null : v.trim();
        };
    boolean leaderElection = bool(get, "SOCKETX_LEADER_ELECTION", true);
    String leaseNamespace = get.apply("SOCKETX_LEASE_NAMESPACE");
    if (leaseNamespace == null) {
      leaseNamespace = get.apply("POD_NAMESPACE");
    }
    if (leaseNamespace == null) {
      leaseNamespace = inClusterNamespace();
    }
    if (leaderElection && leaseNamespace == null) {
      throw new IllegalArgumentException(
          "SOCKETX_LEASE_NAMESPACE (or POD_NAMESPACE) must be set when SOCKETX_LEADER_ELECTION is"
              + " true outside a cluster");
    }
    String namespaces = get.apply("SOCKETX_WATCH_NAMESPACES");
    return new OperatorConfig(
        orDefault(get.apply("SOCKETX_PROXY_IMAGE"), DEFAULT_PROXY_IMAGE),
        namespaces == null
            ? Set.of()
            : Arrays.stream(namespaces.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet()),
        orDefault(get.apply("SOCKETX_CLUSTER_DOMAIN"), "cluster.local"),
        integer(
            get, "SOCKETX_CONFIGMAP_COMPRESS_THRESHOLD", DEFAULT_COMPRESS_THRESHOLD, 0, 1_000_000),
        leaderElection,
        orDefault(get.apply("SOCKETX_LEASE_NAME"), "socketx-operator"),
        leaseNamespace,
        integer(get, "SOCKETX_HTTP_PORT", 8081, 0, 65535),
        bool(get, "SOCKETX_SERVER_SIDE_APPLY", true),
        new BillingIdentity(
            get.apply("BILLING_PLAN_ID"),
            get.apply("AZURE_CLIENT_ID"),
            get.apply("AZURE_RESOURCE_ID")));
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }

  private static boolean bool(Function<String, String> get, String name, boolean fallback) {
    String v = get.apply(name);
    if (v == null) {
      return fallback;
    }
    return switch (v.toLowerCase()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false, got " + v);
    };
  }

  private static int integer(
      Function<String, String> get, String name, int fallback, int min, int max) {
    String v = get.apply(name);
    if (v == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(v);
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            name + " must be between " + min + " and " + max + ", got " + v);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got " + v, e);
    }
  }

  private static String inClusterNamespace() {
    try {
      return Files.isReadable(SERVICE_ACCOUNT_NAMESPACE)
          ? Files.readString(SERVICE_ACCOUNT_NAMESPACE).trim()
          : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
