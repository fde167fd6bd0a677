package io.socketx.billing.config;

/** Which azure-identity credential authenticates the metering calls. */
public enum AzureCredentialKind {
  /** {@code DefaultAzureCredential}: environment, workload identity, managed identity, ... */
  DEFAULT,
  /** {@code ManagedIdentityCredential} only. */
  MANAGED_IDENTITY
}
