package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where metered usage is reported [BILLING_PROVIDER]. */
public enum BillingProvider {
  @JsonProperty("azure")
  AZURE("azure");

  private final String value;

  BillingProvider(String value) {
    this.value = value;
  }

  /** The spelling used in the resource and in the proxy's environment. */
  public String value() {
    return value;
  }
}
