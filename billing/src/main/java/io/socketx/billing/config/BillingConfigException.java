package io.socketx.billing.config;

/** Invalid billing configuration; the message names the offending environment variable. */
public class BillingConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public BillingConfigException(String message) {
    super(message);
  }

  public BillingConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
