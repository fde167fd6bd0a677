package io.socketx.billing.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import io.socketx.billing.config.AzureCredentialKind;
import io.socketx.billing.config.BillingConfig;

/**
 * Builds the azure-identity credential for metering. Building makes no network call; the managed
 * identity endpoint comes from azure-identity's own settings ({@code IDENTITY_ENDPOINT} and {@code
 * IDENTITY_HEADER}, {@code MSI_ENDPOINT}, {@code AZURE_POD_IDENTITY_AUTHORITY_HOST}, or the
 * Instance Metadata Service by default).
 */
public final class AzureCredentials {
  /** Application id of the Marketplace metering service; tokens are requested for it. */
  public static final String METERING_RESOURCE = "20e940b3-4c77-4b0b-9a53-9e16a1b010a7";

  /** OAuth scope for {@link #METERING_RESOURCE}. */
  public static final String METERING_SCOPE = METERING_RESOURCE + "/.default";

  private AzureCredentials() {}

  /** The credential selected by {@code BILLING_AZURE_CREDENTIAL} and {@code AZURE_CLIENT_ID}. */
  public static TokenCredential create(BillingConfig config) {
    if (config.credential() == AzureCredentialKind.MANAGED_IDENTITY) {
      ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder();
      if (config.clientId() != null) {
        builder.clientId(config.clientId());
      }
      return builder.build();
    }
    DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder();
    if (config.clientId() != null) {
      builder.managedIdentityClientId(config.clientId());
    }
    return builder.build();
  }
}
