package io.socketx.proxy.config;

import java.time.Duration;

/**
 * Billing settings ({@code BILLING_*}); {@code strategy} is {@code none} or {@code request_based},
 * {@code provider} is {@code azure} when metering is on.
 */
public record BillingConfig(
    String strategy, String provider, String product, Duration reportInterval, String planId) {

  public static final String STRATEGY_NONE = "none";
  public static final String STRATEGY_REQUEST_BASED = "request_based";

  /** Whether messages are metered for billing. */
  public boolean enabled() {
    return STRATEGY_REQUEST_BASED.equals(strategy);
  }
}
