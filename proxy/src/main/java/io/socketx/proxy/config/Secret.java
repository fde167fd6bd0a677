package io.socketx.proxy.config;

import java.util.Objects;

/** A secret setting whose value never appears in {@link #toString()} and so never in a log. */
public final class Secret {
  static final String REDACTED = "[REDACTED]";
  private static final Secret EMPTY = new Secret("");

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps a value; null or empty yields the empty secret. */
  public static Secret of(String value) {
    return value == null || value.isEmpty() ? EMPTY : new Secret(value);
  }

  /** The secret value, for the few places that really need it. */
  public String reveal() {
    return value;
  }

  public boolean isSet() {
    return !value.isEmpty();
  }

  /** What logs show: whether a value is set, never the value. */
  public String redacted() {
    return isSet() ? REDACTED : "";
  }

  @Override
  public String toString() {
    return redacted();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }
}
