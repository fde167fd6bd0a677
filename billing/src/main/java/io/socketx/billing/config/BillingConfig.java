package io.socketx.billing.config;

import io.socketx.contract.env.BillingEnv;
import io.socketx.contract.env.ConfigParameter;
import io.socketx.contract.env.InvalidParameterException;
import io.socketx.contract.env.ProxyEnv;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Validated billing settings, read once at start-up from the environment.
 *
 * @param strategy {@code BILLING_STRATEGY}: what is billed
 * @param provider {@code BILLING_PROVIDER}: where usage is reported
 * @param product {@code BILLING_PRODUCT}: product label (logs, metric tag)
 * @param reportInterval {@code BILLING_REPORT_INTERVAL}: how often counts are flushed and reported
 * @param reportGrace {@code BILLING_REPORT_GRACE}: how long after an hour ends before it is
 *     reported
 * @param planId {@code BILLING_PLAN_ID}: Marketplace plan id
 * @param resourceId {@code AZURE_RESOURCE_ID}: resource (extension) id, or null to detect via IMDS
 * @param clientId {@code AZURE_CLIENT_ID}: user-assigned managed identity client id, or null
 * @param credential {@code BILLING_AZURE_CREDENTIAL}: default or managed_identity
 * @param meteringEndpoint {@code BILLING_METERING_ENDPOINT}: Marketplace metering API base URL
 * @param imdsEndpoint {@code BILLING_IMDS_ENDPOINT}: Instance Metadata Service base URL
 * @param armEndpoint {@code BILLING_ARM_ENDPOINT}: Azure Resource Manager base URL (IMDS detection)
 * @param httpTimeout {@code BILLING_HTTP_TIMEOUT}: timeout of one attempt of a metering/IMDS/ARM
 *     call
 * @param coordination {@code BILLING_COORDINATION}: local or kubernetes (auto picks by environment)
 * @param stateConfigMap {@code BILLING_STATE_CONFIGMAP}: ConfigMap holding per-replica counts
 * @param leaseName {@code BILLING_LEASE}: Lease electing the reporting replica
 * @param namespace {@code POD_NAMESPACE}: namespace of both, or null for the client's namespace
 * @param podName {@code POD_NAME} (else {@code HOSTNAME}): this replica's name
 */
public record BillingConfig(
    BillingStrategy strategy,
    BillingProvider provider,
    String product,
    Duration reportInterval,
    Duration reportGrace,
    String planId,
    String resourceId,
    String clientId,
    AzureCredentialKind credential,
    URI meteringEndpoint,
    URI imdsEndpoint,
    URI armEndpoint,
    Duration httpTimeout,
    Coordination coordination,
    String stateConfigMap,
    String leaseName,
    String namespace,
    String podName) {

  public static final ConfigParameter<String> STRATEGY = BillingEnv.STRATEGY;
  public static final ConfigParameter<String> PROVIDER = BillingEnv.PROVIDER;
  public static final ConfigParameter<String> PRODUCT = BillingEnv.PRODUCT;
  public static final ConfigParameter<Duration> REPORT_INTERVAL = BillingEnv.REPORT_INTERVAL;
  public static final ConfigParameter<Duration> REPORT_GRACE =
      ConfigParameter.duration("BILLING_REPORT_GRACE", null, Duration.ZERO, Duration.ofHours(6));
  public static final ConfigParameter<String> PLAN_ID = BillingEnv.PLAN_ID;
  public static final ConfigParameter<String> RESOURCE_ID = BillingEnv.AZURE_RESOURCE_ID;
  public static final ConfigParameter<String> CLIENT_ID = BillingEnv.AZURE_CLIENT_ID;
  public static final ConfigParameter<String> CREDENTIAL =
      ConfigParameter.oneOf(
          "BILLING_AZURE_CREDENTIAL", "default", Set.of("default", "managed_identity"));
  public static final ConfigParameter<URI> METERING_ENDPOINT =
      ConfigParameter.of(
          "BILLING_METERING_ENDPOINT",
          URI.create("https://marketplaceapi.microsoft.com"),
          BillingConfig::httpsUri);
  public static final ConfigParameter<URI> IMDS_ENDPOINT =
      ConfigParameter.of(
          "BILLING_IMDS_ENDPOINT", URI.create("http://169.254.169.254"), BillingConfig::httpUri);
  public static final ConfigParameter<URI> ARM_ENDPOINT =
      ConfigParameter.of(
          "BILLING_ARM_ENDPOINT",
          URI.create("https://management.azure.com"),
          BillingConfig::httpsUri);
  public static final ConfigParameter<Duration> HTTP_TIMEOUT =
      ConfigParameter.duration(
          "BILLING_HTTP_TIMEOUT", Duration.ofSeconds(30), Duration.ofNanos(1), Duration.ofHours(1));
  public static final ConfigParameter<String> COORDINATION =
      ConfigParameter.oneOf("BILLING_COORDINATION", "auto", Set.of("auto", "local", "kubernetes"));
  public static final ConfigParameter<String> STATE_CONFIGMAP = BillingEnv.STATE_CONFIGMAP;
  public static final ConfigParameter<String> LEASE = BillingEnv.LEASE;
  public static final ConfigParameter<String> NAMESPACE = ProxyEnv.POD_NAMESPACE;
  public static final ConfigParameter<String> POD_NAME = ProxyEnv.POD_NAME;
  public static final ConfigParameter<String> HOSTNAME =
      ConfigParameter.of("HOSTNAME", "local", s -> POD_NAME.parse(s));

  /** The configuration that bills nothing (billing disabled). */
  public static BillingConfig disabled() {
    return fromEnv(Map.of());
  }

  /** Reads the process environment. */
  public static BillingConfig fromEnv() {
    return fromEnv(System.getenv());
  }

  /** Reads and validates the given environment; throws {@link InvalidParameterException}. */
  public static BillingConfig fromEnv(Map<String, String> env) {
    BillingStrategy strategy = BillingStrategy.valueOf(upper(STRATEGY.read(env)));
    BillingProvider provider = BillingProvider.valueOf(upper(PROVIDER.read(env)));
    Duration interval = REPORT_INTERVAL.read(env);
    String planId = PLAN_ID.read(env);
    if (strategy == BillingStrategy.REQUEST_BASED
        && provider == BillingProvider.AZURE
        && planId == null) {
      throw new InvalidParameterException(
          PLAN_ID.key(), "required when BILLING_PROVIDER=azure and BILLING_STRATEGY=request_based");
    }
    if (strategy == BillingStrategy.NONE && provider != BillingProvider.NONE) {
      throw new InvalidParameterException(
          PROVIDER.key(), "provider '" + env.get(PROVIDER.key()) + "' needs BILLING_STRATEGY set");
    }
    String coordinationSpelling = COORDINATION.read(env);
    Coordination coordination =
        switch (coordinationSpelling) {
          case "local" -> Coordination.LOCAL;
          case "kubernetes" -> Coordination.KUBERNETES;
          default ->
              env.containsKey("KUBERNETES_SERVICE_HOST")
                  ? Coordination.KUBERNETES
                  : Coordination.LOCAL;
        };
    Duration grace = REPORT_GRACE.read(env);
    if (grace == null) {
      // Replicas flush once per interval: after interval + margin every live replica has written
      // its final count of the closed hour. A single process flushes right before it reports.
      grace = coordination == Coordination.KUBERNETES ? interval.plusMinutes(1) : Duration.ZERO;
    }
    String podName = POD_NAME.read(env);
    return new BillingConfig(
        strategy,
        provider,
        PRODUCT.read(env),
        interval,
        grace,
        planId,
        RESOURCE_ID.read(env),
        CLIENT_ID.read(env),
        AzureCredentialKind.valueOf(upper(CREDENTIAL.read(env))),
        METERING_ENDPOINT.read(env),
        IMDS_ENDPOINT.read(env),
        ARM_ENDPOINT.read(env),
        HTTP_TIMEOUT.read(env),
        coordination,
        STATE_CONFIGMAP.read(env),
        LEASE.read(env),
        NAMESPACE.read(env),
        podName != null ? podName : HOSTNAME.read(env));
  }

  public BillingConfig {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(reportInterval, "reportInterval");
    Objects.requireNonNull(reportGrace, "reportGrace");
    Objects.requireNonNull(coordination, "coordination");
    Objects.requireNonNull(podName, "podName");
  }

  /** True when messages are counted at all. */
  public boolean enabled() {
    return strategy != BillingStrategy.NONE;
  }

  /** One-line summary for the start-up log; holds no secrets. */
  public String describe() {
    return "strategy="
        + strategy.name().toLowerCase()
        + " provider="
        + provider.name().toLowerCase()
        + " product="
        + product
        + " interval="
        + reportInterval
        + " grace="
        + reportGrace
        + " plan="
        + planId
        + " resourceId="
        + (resourceId != null ? resourceId : "<detect via IMDS " + imdsEndpoint + ">")
        + " clientId="
        + (clientId != null ? clientId : "<system-assigned>")
        + " credential="
        + credential.name().toLowerCase()
        + " metering="
        + meteringEndpoint
        + " coordination="
        + coordination.name().toLowerCase()
        + (coordination == Coordination.KUBERNETES
            ? " configMap=" + stateConfigMap + " lease=" + leaseName
            : "")
        + " replica="
        + podName;
  }

  private static String upper(String spelling) {
    return spelling.toUpperCase(Locale.ROOT);
  }

  /** Endpoints that receive bearer tokens: azure-core sends tokens over TLS only. */
  private static URI httpsUri(String s) {
    URI uri = httpUri(s);
    if (!"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException("expected an https URL (bearer tokens go over TLS only)");
    }
    return uri;
  }

  private static URI httpUri(String s) {
    URI uri = URI.create(s);
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("expected an absolute http(s) URL");
    }
    String text = uri.toString();
    return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
  }
}
