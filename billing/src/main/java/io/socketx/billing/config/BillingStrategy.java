package io.socketx.billing.config;

/** What is billed: nothing, or every successfully encoded/decoded proxied message. */
public enum BillingStrategy {
  NONE,
  REQUEST_BASED
}
