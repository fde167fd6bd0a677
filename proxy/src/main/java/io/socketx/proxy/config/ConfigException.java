package io.socketx.proxy.config;

/** An invalid start-up setting; the message names the variable and the problem. */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String variable;

  public ConfigException(String variable, String problem) {
    super(variable + ": " + problem);
    this.variable = variable;
  }

  /** The environment variable whose value is invalid. */
  public String variable() {
    return variable;
  }
}
