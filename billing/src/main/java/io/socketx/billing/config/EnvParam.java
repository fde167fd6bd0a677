package io.socketx.billing.config;

import java.util.Map;
import java.util.function.Function;

/**
 * One typed configuration parameter: the environment variable, its parser and its default.
 *
 * @param <T> the parsed type
 */
public record EnvParam<T>(String name, Function<String, T> parser, String defaultValue) {

  /** Reads and parses the variable; a bad value raises an exception naming the variable. */
  public T read(Map<String, String> env) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) {
      raw = defaultValue;
    }
    if (raw == null) {
      return null;
    }
    try {
      return parser.apply(raw.trim());
    } catch (RuntimeException e) {
      throw new BillingConfigException(name, "invalid value '" + raw + "': " + e.getMessage(), e);
    }
  }

  /** Parser for a lower-case enum spelling such as {@code request_based}. */
  public static <E extends Enum<E>> Function<String, E> enumParser(Class<E> type) {
    return s -> {
      for (E e : type.getEnumConstants()) {
        if (e.name().equalsIgnoreCase(s)) {
          return e;
        }
      }
      StringBuilder allowed = new StringBuilder();
      for (E e : type.getEnumConstants()) {
        allowed.append(allowed.length() == 0 ? "" : "|").append(e.name().toLowerCase());
      }
      throw new IllegalArgumentException("expected one of " + allowed);
    };
  }
}
