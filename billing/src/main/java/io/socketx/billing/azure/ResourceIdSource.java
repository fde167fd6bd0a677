package io.socketx.billing.azure;

/** Supplies the Marketplace resource id (or resource URI) usage is reported against. */
@FunctionalInterface
public interface ResourceIdSource {

  /** Returns the id, or throws when it cannot be determined (retried on the next cycle). */
  String resourceId() throws ResourceIdUnavailableException;
}
