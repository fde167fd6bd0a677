package io.socketx.operator.model;

import java.util.Objects;

/**
 * Operator-wide settings that shape every proxy: the default image, the cluster DNS domain used to
 * resolve Service upstreams, and when the DOMAIN_MAP is written compressed.
 *
 * @param image proxy image used when a SocketXProxy names none
 * @param clusterDomain cluster DNS domain, e.g. cluster.local
 * @param compressThresholdBytes DOMAIN_MAP JSON larger than this is written gzip-compressed
 * @param billingIdentity Marketplace identity passed to proxies that bill
 * @param apiServerHost the API server's ClusterIP (KUBERNETES_SERVICE_HOST), which routes may not
 *     name; null outside a cluster
 */
public record ProxyDefaults(
    String image,
    String clusterDomain,
    int compressThresholdBytes,
    BillingIdentity billingIdentity,
    String apiServerHost) {

  /** Defaults without a Marketplace billing identity, outside a cluster. */
  public ProxyDefaults(String image, String clusterDomain, int compressThresholdBytes) {
    this(image, clusterDomain, compressThresholdBytes, BillingIdentity.NONE, null);
  }

  /** Kubernetes rejects ConfigMaps above 1 MiB; keep headroom for metadata. */
  public static final int MAX_CONFIGMAP_PAYLOAD_BYTES = 1_000_000;

  public ProxyDefaults {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(clusterDomain, "clusterDomain");
    Objects.requireNonNull(billingIdentity, "billingIdentity");
    if (compressThresholdBytes < 0 || compressThresholdBytes > MAX_CONFIGMAP_PAYLOAD_BYTES) {
      throw new IllegalArgumentException(
          "compress threshold must be between 0 and " + MAX_CONFIGMAP_PAYLOAD_BYTES);
    }
  }
}
