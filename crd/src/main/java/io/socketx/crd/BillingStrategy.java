package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether the proxy meters messages for billing [BILLING_STRATEGY]. */
public enum BillingStrategy {
  @JsonProperty("none")
  NONE("none"),
  @JsonProperty("request_based")
  REQUEST_BASED("request_based");

  private final String value;

  BillingStrategy(String value) {
    this.value = value;
  }

  /** The spelling used in the resource and in the proxy's environment. */
  public String value() {
    return value;
  }
}
