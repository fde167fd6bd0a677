package io.socketx.billing.azure;

/** Neither {@code AZURE_RESOURCE_ID} nor the Instance Metadata Service yielded a resource id. */
public class ResourceIdUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  public ResourceIdUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
