package io.socketx.operator.model;

/**
 * What Azure injects for Marketplace metering (plan id, managed identity, extension resource id),
 * given to the operator once and passed on to every proxy that bills; null fields are not set.
 *
 * @param planId BILLING_PLAN_ID
 * @param clientId AZURE_CLIENT_ID
 * @param resourceId AZURE_RESOURCE_ID
 */
public record BillingIdentity(String planId, String clientId, String resourceId) {
  public static final BillingIdentity NONE = new BillingIdentity(null, null, null);
}
