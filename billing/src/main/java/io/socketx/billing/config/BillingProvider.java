package io.socketx.billing.config;

/** Where usage is reported: nowhere (count only), or the Azure Marketplace metering API. */
public enum BillingProvider {
  NONE,
  AZURE
}
