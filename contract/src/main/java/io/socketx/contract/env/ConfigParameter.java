package io.socketx.contract.env;

import io.socketx.contract.DurationGrammar;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One typed environment parameter: its variable name, its parser (which also range-checks) and its
 * default. A blank value counts as unset. Whoever writes a value (the operator) checks it with
 * {@link #problemWith}, whoever reads it (proxy, billing) with {@link #read}: the same code.
 *
 * @param <T> the parsed type
 */
public final class ConfigParameter<T> {
  private final String key;
  private final BiFunction<String, Map<String, String>, T> parser;
  private final T defaultValue;

  private ConfigParameter(
      String key, BiFunction<String, Map<String, String>, T> parser, T defaultValue) {
    this.key = key;
    this.parser = parser;
    this.defaultValue = defaultValue;
  }

  /**
   * A parameter with its own parser; the parser throws {@link IllegalArgumentException} whose
   * message says what is wrong with the value.
   */
  public static <T> ConfigParameter<T> of(String key, T defaultValue, Function<String, T> parser) {
    return new ConfigParameter<>(key, (value, env) -> parser.apply(value), defaultValue);
  }

  /**
   * A parameter whose value may stand for another variable of the same environment: {@code
   * UPSTREAM_DENY}'s {@code apiserver} is the pod's {@code KUBERNETES_SERVICE_HOST}. {@link #read}
   * gives the parser the environment read from; {@link #parse} and {@link #problemWith}, which
   * check a value on its own, an empty one.
   */
  public static <T> ConfigParameter<T> inEnvironment(
      String key, T defaultValue, BiFunction<String, Map<String, String>, T> parser) {
    return new ConfigParameter<>(key, parser, defaultValue);
  }

  /** Free text, trimmed. */
  public static ConfigParameter<String> string(String key, String defaultValue) {
    return of(key, defaultValue, s -> s);
  }

  /** An integer within [min, max]. */
  public static ConfigParameter<Integer> integer(
      String key, Integer defaultValue, int min, int max) {
    return of(
        key,
        defaultValue,
        s -> {
          int value;
          try {
            value = Integer.parseInt(s);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not an integer");
          }
          if (value < min || value > max) {
            throw new IllegalArgumentException(
                "must be between " + min + " and " + max + ", got " + value);
          }
          return value;
        });
  }

  /** An integer from a fixed set. */
  public static ConfigParameter<Integer> oneOfIntegers(
      String key, Integer defaultValue, Set<Integer> allowed) {
    return of(
        key,
        defaultValue,
        s -> {
          Integer value = integer(key, null, Integer.MIN_VALUE, Integer.MAX_VALUE).parse(s);
          if (!allowed.contains(value)) {
            throw new IllegalArgumentException(
                "must be one of " + new TreeSet<>(allowed) + ", got " + value);
          }
          return value;
        });
  }

  /** {@code true} or {@code false}, in any case; nothing else. */
  public static ConfigParameter<Boolean> bool(String key, Boolean defaultValue) {
    return of(
        key,
        defaultValue,
        s ->
            switch (s.toLowerCase(Locale.ROOT)) {
              case "true" -> true;
              case "false" -> false;
              default -> throw new IllegalArgumentException("'" + s + "' is not true or false");
            });
  }

  /** One of a fixed set of lower-case words, matched in any case and returned in lower case. */
  public static ConfigParameter<String> oneOf(
      String key, String defaultValue, Set<String> allowed) {
    return of(
        key,
        defaultValue,
        s -> {
          String lower = s.toLowerCase(Locale.ROOT);
          if (!allowed.contains(lower)) {
            throw new IllegalArgumentException(
                "must be one of " + new TreeSet<>(allowed) + ", got '" + s + "'");
          }
          return lower;
        });
  }

  /** A duration in {@link DurationGrammar} within [min, max]. */
  public static ConfigParameter<Duration> duration(
      String key, Duration defaultValue, Duration min, Duration max) {
    return of(
        key,
        defaultValue,
        s -> {
          Duration value = DurationGrammar.parse(s);
          if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(
                "must be between "
                    + DurationGrammar.format(min)
                    + " and "
                    + DurationGrammar.format(max)
                    + ", got "
                    + s);
          }
          return value;
        });
  }

  /** The environment variable. */
  public String key() {
    return key;
  }

  /** The value when the variable is unset or blank; may be null. */
  public T defaultValue() {
    return defaultValue;
  }

  /**
   * The parsed value of the variable in {@code env}, or the default when it is unset or blank.
   *
   * @throws InvalidParameterException naming the variable and the problem
   */
  public T read(Map<String, String> env) {
    String raw = env.get(key);
    return raw == null || raw.isBlank() ? defaultValue : parse(raw.trim(), env);
  }

  /** The value of the variable, if it is set and not blank, trimmed and unparsed. */
  public Optional<String> raw(Map<String, String> env) {
    String raw = env.get(key);
    return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.trim());
  }

  /**
   * Parses one value.
   *
   * @throws InvalidParameterException naming the variable and the problem
   */
  public T parse(String value) {
    return parse(value, Map.of());
  }

  private T parse(String value, Map<String, String> env) {
    try {
      return parser.apply(value, env);
    } catch (InvalidParameterException e) {
      throw new InvalidParameterException(key, e.problem(), e);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(key, e.getMessage(), e);
    }
  }

  /** What is wrong with {@code value} for this parameter, or empty when the reader takes it. */
  public Optional<String> problemWith(String value) {
    try {
      parse(value.trim());
      return Optional.empty();
    } catch (InvalidParameterException e) {
      return Optional.of(e.problem());
    }
  }

  @Override
  public String toString() {
    return key;
  }
}
