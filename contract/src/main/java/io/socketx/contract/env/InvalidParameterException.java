package io.socketx.contract.env;

/** A configuration value that cannot be used; the message names the variable and the problem. */
public class InvalidParameterException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String variable;
  private final String problem;

  /** {@code variable}: the environment variable at fault; {@code problem}: what is wrong. */
  public InvalidParameterException(String variable, String problem) {
    this(variable, problem, null);
  }

  public InvalidParameterException(String variable, String problem, Throwable cause) {
    super(variable + ": " + problem, cause);
    this.variable = variable;
    this.problem = problem;
  }

  /** The environment variable at fault, e.g. {@code CLIENT_PING_INTERVAL}. */
  public String variable() {
    return variable;
  }

  /** What is wrong with it (the message without the variable name). */
  public String problem() {
    return problem;
  }
}
