package io.socketx.proxy.config;

import java.time.Duration;

/**
 * Billing settings ({@code BILLING_*}); {@code strategy} is {@code none} or {@code request_based},
 * {@code provider} is {@code none} or {@code azure} (required when metering is on). The billing
 * module reads its further variables (endpoints, coordination) itself.
 */
public record BillingConfig(
    String strategy, String provider, String product, Duration reportInterval, String planId) {

  public static final String STRATEGY_NONE = "none";
  public static final String STRATEGY_REQUEST_BASED = "request_based";
  public static final String PROVIDER_NONE = "none";
  public static final String PROVIDER_AZURE = "azure";

  /** Whether messages are metered for billing. */
  public boolean enabled() {
    return STRATEGY_REQUEST_BASED.equals(strategy);
  }
}
