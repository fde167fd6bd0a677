package io.socketx.operator.model;

/**
 * One condition's status, reason and message, as a check decided it. Messages name the problem,
 * never a Secret's content.
 */
public record ConditionState(boolean ok, String reason, String message) {

  public static ConditionState isTrue(String reason, String message) {
    return new ConditionState(true, reason, message);
  }

  public static ConditionState isFalse(String reason, String message) {
    return new ConditionState(false, reason, message);
  }
}
