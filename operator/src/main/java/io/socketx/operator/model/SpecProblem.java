package io.socketx.operator.model;

/**
 * A spec value the proxy would refuse.
 *
 * @param field the field's path, e.g. {@code spec.timeouts.writeTimeout}
 * @param value the value as written into the pod
 * @param problem what the proxy says is wrong with it
 */
public record SpecProblem(String field, String value, String problem) {

  /** {@code spec.timeouts.writeTimeout=2h: must be between 0s and 1h, got 2h}. */
  public String message() {
    return field + "=" + value + ": " + problem;
  }
}
