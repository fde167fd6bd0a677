package io.socketx.contract.env;

import static io.socketx.contract.env.ConfigParameter.duration;
import static io.socketx.contract.env.ConfigParameter.oneOf;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The billing variables the operator writes into a proxy pod and the billing module reads, with
 * their rules. The billing module's own further variables (endpoints, credentials) live with it.
 */
public final class BillingEnv {
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,127}");

  public static final String STRATEGY_NONE = "none";
  public static final String STRATEGY_REQUEST_BASED = "request_based";
  public static final String PROVIDER_NONE = "none";
  public static final String PROVIDER_AZURE = "azure";

  /** What is billed: {@code none} or {@code request_based}. */
  public static final ConfigParameter<String> STRATEGY =
      oneOf("BILLING_STRATEGY", STRATEGY_NONE, Set.of(STRATEGY_NONE, STRATEGY_REQUEST_BASED));

  /** Where usage is reported: {@code none} or {@code azure}. */
  public static final ConfigParameter<String> PROVIDER =
      oneOf("BILLING_PROVIDER", PROVIDER_NONE, Set.of(PROVIDER_NONE, PROVIDER_AZURE));

  public static final ConfigParameter<String> PRODUCT =
      ConfigParameter.of("BILLING_PRODUCT", "socketx", BillingEnv::label);
  public static final ConfigParameter<Duration> REPORT_INTERVAL =
      duration(
          "BILLING_REPORT_INTERVAL",
          Duration.ofMinutes(15),
          Duration.ofSeconds(1),
          Duration.ofHours(1));
  public static final ConfigParameter<String> PLAN_ID =
      ConfigParameter.of("BILLING_PLAN_ID", null, BillingEnv::label);
  public static final ConfigParameter<String> AZURE_CLIENT_ID =
      ConfigParameter.of("AZURE_CLIENT_ID", null, BillingEnv::label);
  public static final ConfigParameter<String> AZURE_RESOURCE_ID =
      ConfigParameter.of("AZURE_RESOURCE_ID", null, BillingEnv::resourceId);

  /** ConfigMap holding the per-replica counts of one proxy. */
  public static final ConfigParameter<String> STATE_CONFIGMAP =
      ConfigParameter.of(
          "BILLING_STATE_CONFIGMAP", "socketx-billing", KubernetesNames::dnsSubdomain);

  /** Lease electing the replica that reports. */
  public static final ConfigParameter<String> LEASE =
      ConfigParameter.of(
          "BILLING_LEASE", "socketx-billing-reporter", KubernetesNames::dnsSubdomain);

  private static String label(String s) {
    if (!LABEL.matcher(s).matches()) {
      throw new IllegalArgumentException(
          "expected up to 128 letters, digits, '.', '_', ':' or '-'");
    }
    return s;
  }

  private static String resourceId(String s) {
    if (s.length() > 1024 || s.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException("expected an Azure resource id without spaces");
    }
    return s;
  }

  private BillingEnv() {}
}
