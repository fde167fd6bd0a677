package io.socketx.operator;

import io.socketx.contract.env.BillingEnv;
import io.socketx.contract.env.ConfigParameter;
import io.socketx.contract.env.InvalidParameterException;
import io.socketx.contract.env.ProxyEnv;
import io.socketx.contract.upstream.UpstreamPolicy;
import io.socketx.operator.model.BillingIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
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
 * @param apiServerHost KUBERNETES_SERVICE_HOST (set by the kubelet): the API server's ClusterIP,
 *     which routes may not name; null outside a cluster
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
    BillingIdentity billingIdentity,
    String apiServerHost) {

  /** Settings without a Marketplace billing identity, outside a cluster. */
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
        BillingIdentity.NONE,
        null);
  }

  public static final String DEFAULT_PROXY_IMAGE = "ghcr.io/socketx/socketx-proxy:0.1.0";
  public static final int DEFAULT_COMPRESS_THRESHOLD = 256 * 1024;
  private static final Path SERVICE_ACCOUNT_NAMESPACE =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  static final ConfigParameter<String> PROXY_IMAGE =
      ConfigParameter.string("SOCKETX_PROXY_IMAGE", DEFAULT_PROXY_IMAGE);
  static final ConfigParameter<String> WATCH_NAMESPACES =
      ConfigParameter.string("SOCKETX_WATCH_NAMESPACES", "");
  static final ConfigParameter<String> CLUSTER_DOMAIN =
      ConfigParameter.string("SOCKETX_CLUSTER_DOMAIN", "cluster.local");
  static final ConfigParameter<Integer> COMPRESS_THRESHOLD =
      ConfigParameter.integer(
          "SOCKETX_CONFIGMAP_COMPRESS_THRESHOLD", DEFAULT_COMPRESS_THRESHOLD, 0, 1_000_000);
  static final ConfigParameter<Boolean> LEADER_ELECTION =
      ConfigParameter.bool("SOCKETX_LEADER_ELECTION", true);
  static final ConfigParameter<String> LEASE_NAME =
      ConfigParameter.string("SOCKETX_LEASE_NAME", "socketx-operator");
  static final ConfigParameter<String> LEASE_NAMESPACE =
      ConfigParameter.string("SOCKETX_LEASE_NAMESPACE", null);
  static final ConfigParameter<Integer> HTTP_PORT =
      ConfigParameter.integer("SOCKETX_HTTP_PORT", 8081, 0, 65535);
  static final ConfigParameter<Boolean> SERVER_SIDE_APPLY =
      ConfigParameter.bool("SOCKETX_SERVER_SIDE_APPLY", true);
  static final ConfigParameter<String> API_SERVER_HOST =
      ConfigParameter.string(UpstreamPolicy.API_SERVER_HOST, null);

  /**
   * Reads the settings from {@code env} (normally {@link System#getenv()}).
   *
   * @throws InvalidParameterException naming the variable and the problem
   */
  public static OperatorConfig from(Map<String, String> env) {
    boolean leaderElection = LEADER_ELECTION.read(env);
    String leaseNamespace =
        LEASE_NAMESPACE
            .raw(env)
            .or(() -> ProxyEnv.POD_NAMESPACE.raw(env))
            .orElseGet(OperatorConfig::inClusterNamespace);
    if (leaderElection && leaseNamespace == null) {
      throw new InvalidParameterException(
          LEASE_NAMESPACE.key(),
          "(or POD_NAMESPACE) must be set when SOCKETX_LEADER_ELECTION is true outside a cluster");
    }
    return new OperatorConfig(
        PROXY_IMAGE.read(env),
        Arrays.stream(WATCH_NAMESPACES.read(env).split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet()),
        CLUSTER_DOMAIN.read(env),
        COMPRESS_THRESHOLD.read(env),
        leaderElection,
        LEASE_NAME.read(env),
        leaseNamespace,
        HTTP_PORT.read(env),
        SERVER_SIDE_APPLY.read(env),
        new BillingIdentity(
            BillingEnv.PLAN_ID.read(env),
            BillingEnv.AZURE_CLIENT_ID.read(env),
            BillingEnv.AZURE_RESOURCE_ID.read(env)),
        API_SERVER_HOST.read(env));
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
