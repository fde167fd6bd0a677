package io.socketx.billing.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

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

  public static final EnvParam<BillingStrategy> STRATEGY =
      new EnvParam<>("BILLING_STRATEGY", EnvParam.enumParser(BillingStrategy.class), "none");
  public static final EnvParam<BillingProvider> PROVIDER =
      new EnvParam<>("BILLING_PROVIDER", EnvParam.enumParser(BillingProvider.class), "none");
  public static final EnvParam<String> PRODUCT =
      new EnvParam<>("BILLING_PRODUCT", BillingConfig::name, "socketx");
  public static final EnvParam<Duration> REPORT_INTERVAL =
      new EnvParam<>("BILLING_REPORT_INTERVAL", BillingConfig::interval, "15m");
  public static final EnvParam<Duration> REPORT_GRACE =
      new EnvParam<>("BILLING_REPORT_GRACE", BillingConfig::nonNegative, null);
  public static final EnvParam<String> PLAN_ID =
      new EnvParam<>("BILLING_PLAN_ID", BillingConfig::name, null);
  public static final EnvParam<String> RESOURCE_ID =
      new EnvParam<>("AZURE_RESOURCE_ID", BillingConfig::resource, null);
  public static final EnvParam<String> CLIENT_ID =
      new EnvParam<>("AZURE_CLIENT_ID", BillingConfig::name, null);
  public static final EnvParam<AzureCredentialKind> CREDENTIAL =
      new EnvParam<>(
          "BILLING_AZURE_CREDENTIAL", EnvParam.enumParser(AzureCredentialKind.class), "default");
  public static final EnvParam<URI> METERING_ENDPOINT =
      new EnvParam<>(
          "BILLING_METERING_ENDPOINT",
          BillingConfig::httpsUri,
          "https://marketplaceapi.microsoft.com");
  public static final EnvParam<URI> IMDS_ENDPOINT =
      new EnvParam<>("BILLING_IMDS_ENDPOINT", BillingConfig::httpUri, "http://169.254.169.254");
  public static final EnvParam<URI> ARM_ENDPOINT =
      new EnvParam<>(
          "BILLING_ARM_ENDPOINT", BillingConfig::httpsUri, "https://management.azure.com");
  public static final EnvParam<Duration> HTTP_TIMEOUT =
      new EnvParam<>("BILLING_HTTP_TIMEOUT", BillingConfig::positive, "30s");
  public static final EnvParam<String> COORDINATION =
      new EnvParam<>("BILLING_COORDINATION", BillingConfig::coordinationSpelling, "auto");
  public static final EnvParam<String> STATE_CONFIGMAP =
      new EnvParam<>("BILLING_STATE_CONFIGMAP", BillingConfig::dnsName, "socketx-billing");
  public static final EnvParam<String> LEASE =
      new EnvParam<>("BILLING_LEASE", BillingConfig::dnsName, "socketx-billing-reporter");
  public static final EnvParam<String> NAMESPACE =
      new EnvParam<>("POD_NAMESPACE", BillingConfig::dnsName, null);
  public static final EnvParam<String> POD_NAME =
      new EnvParam<>("POD_NAME", BillingConfig::dnsName, null);
  public static final EnvParam<String> HOSTNAME =
      new EnvParam<>("HOSTNAME", BillingConfig::dnsName, "local");

  /** The configuration that bills nothing (billing disabled). */
  public static BillingConfig disabled() {
    return fromEnv(Map.of());
  }

  /** Reads the process environment. */
  public static BillingConfig fromEnv() {
    return fromEnv(System.getenv());
  }

  /** Reads and validates the given environment; throws {@link BillingConfigException}. */
  public static BillingConfig fromEnv(Map<String, String> env) {
    BillingStrategy strategy = STRATEGY.read(env);
    BillingProvider provider = PROVIDER.read(env);
    Duration interval = REPORT_INTERVAL.read(env);
    String planId = PLAN_ID.read(env);
    if (strategy == BillingStrategy.REQUEST_BASED
        && provider == BillingProvider.AZURE
        && planId == null) {
      throw new BillingConfigException(
          PLAN_ID.name(),
          "required when BILLING_PROVIDER=azure and BILLING_STRATEGY=request_based");
    }
    if (strategy == BillingStrategy.NONE && provider != BillingProvider.NONE) {
      throw new BillingConfigException(
          PROVIDER.name(),
          "provider '" + env.get(PROVIDER.name()) + "' needs BILLING_STRATEGY set");
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
    if (grace.compareTo(Duration.ofHours(6)) > 0) {
      throw new BillingConfigException(
          REPORT_GRACE.name(), grace + " is too long (events must be sent within 24 h)");
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
        CREDENTIAL.read(env),
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

  /** Copy with another coordination mode and pod name (tests, replicas in one JVM). */
  public BillingConfig withReplica(Coordination mode, String pod) {
    return new BillingConfig(
        strategy,
        provider,
        product,
        reportInterval,
        reportGrace,
        planId,
        resourceId,
        clientId,
        credential,
        meteringEndpoint,
        imdsEndpoint,
        armEndpoint,
        httpTimeout,
        mode,
        stateConfigMap,
        leaseName,
        namespace,
        pod);
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

  private static String name(String s) {
    if (!s.matches("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,127}")) {
      throw new IllegalArgumentException("expected letters, digits, '.', '_', ':' or '-'");
    }
    return s;
  }

  private static String resource(String s) {
    if (s.length() > 1024 || s.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException("expected an Azure resource id without spaces");
    }
    return s;
  }

  private static String dnsName(String s) {
    if (!s.matches("[a-z0-9]([a-z0-9.\\-]{0,251}[a-z0-9])?")) {
      throw new IllegalArgumentException("expected a lower-case DNS name");
    }
    return s;
  }

  private static String coordinationSpelling(String s) {
    String lower = s.toLowerCase();
    if (!lower.equals("auto") && !lower.equals("local") && !lower.equals("kubernetes")) {
      throw new IllegalArgumentException("expected one of auto|local|kubernetes");
    }
    return lower;
  }

  private static Duration interval(String s) {
    Duration d = GoDuration.parse(s);
    if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("must be between 1s and 1h");
    }
    return d;
  }

  private static Duration positive(String s) {
    Duration d = GoDuration.parse(s);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("must be positive");
    }
    return d;
  }

  private static Duration nonNegative(String s) {
    return GoDuration.parse(s);
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
