package io.socketx.contract.domainmap;

/**
 * Where the DOMAIN_MAP, its config hash and each proxy's report of what it serves live on
 * Kubernetes objects.
 */
public final class DomainMapKeys {
  /** ConfigMap {@code data} key of the plain JSON document. */
  public static final String DATA_KEY = "DOMAIN_MAP";

  /** ConfigMap {@code binaryData} key of the gzip form, used above the operator's threshold. */
  public static final String GZIP_KEY = "DOMAIN_MAP.gz";

  /**
   * Annotation with the config hash: on the operator's ConfigMap (what is written) and on each
   * proxy's heartbeat Lease (what is served).
   */
  public static final String CONFIG_HASH_ANNOTATION = "socketx.io/config-hash";

  /** Label on each proxy's heartbeat Lease naming its SocketXProxy. */
  public static final String PROXY_LABEL = "socketx.io/proxy";

  /** Label on each proxy's heartbeat Lease naming the DOMAIN_MAP ConfigMap it watches. */
  public static final String CONFIG_MAP_LABEL = "socketx.io/domain-map";

  private DomainMapKeys() {}
}
