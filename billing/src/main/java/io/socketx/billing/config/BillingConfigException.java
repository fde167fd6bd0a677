package io.socketx.billing.config;

/** Invalid billing configuration; the message starts with the offending environment variable. */
public class BillingConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String variable;

  /** {@code variable}: the environment variable at fault; {@code problem}: what is wrong. */
  public BillingConfigException(String variable, String problem) {
    this(variable, problem, null);
  }

  public BillingConfigException(String variable, String problem, Throwable cause) {
    super(variable + ": " + problem, cause);
    this.variable = variable;
  }

  /** The environment variable at fault, e.g. {@code BILLING_REPORT_INTERVAL}. */
  public String variable() {
    return variable;
  }

  /** What is wrong with it (the message without the variable name). */
  public String problem() {
    return getMessage().substring(variable.length() + 2);
  }
}
