package io.socketx.proxy.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads typed, range-checked values from an environment map; blank counts as unset. */
final class EnvReader {
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h)");

  private final Map<String, String> env;

  EnvReader(Map<String, String> env) {
    this.env = env;
  }

  String raw(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  String string(String name, String defaultValue) {
    String value = raw(name);
    return value == null ? defaultValue : value;
  }

  int integer(String name, int defaultValue, int min, int max) throws ConfigException {
    String value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(name, "'" + value + "' is not an integer");
    }
    if (parsed < min || parsed > max) {
      throw new ConfigException(name, "must be between " + min + " and " + max + ", got " + parsed);
    }
    return parsed;
  }

  int oneOfIntegers(String name, int defaultValue, Set<Integer> allowed) throws ConfigException {
    int parsed = integer(name, defaultValue, Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (!allowed.contains(parsed)) {
      throw new ConfigException(name, "must be one of " + allowed + ", got " + parsed);
    }
    return parsed;
  }

  boolean bool(String name, boolean defaultValue) throws ConfigException {
    String value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes":
        return true;
      case "false", "0", "no":
        return false;
      default:
        throw new ConfigException(name, "'" + value + "' is not a boolean (true or false)");
    }
  }

  String oneOf(String name, String defaultValue, Set<String> allowed) throws ConfigException {
    String value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (!allowed.contains(lower)) {
      throw new ConfigException(name, "must be one of " + allowed + ", got '" + value + "'");
    }
    return lower;
  }

  /**
   * A duration in Go syntax ({@code 500ms}, {@code 30s}, {@code 1m30s}, {@code 2h}) or a bare
   * number of seconds, within [min, max].
   */
  Duration duration(String name, Duration defaultValue, Duration min, Duration max)
      throws ConfigException {
    String value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    Duration parsed = parseDuration(name, value);
    if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
      throw new ConfigException(
          name, "must be between " + format(min) + " and " + format(max) + ", got " + value);
    }
    return parsed;
  }

  static Duration parseDuration(String name, String value) throws ConfigException {
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(value));
      } catch (NumberFormatException e) {
        throw new ConfigException(name, "'" + value + "' is too large");
      }
    }
    Matcher m = DURATION_PART.matcher(value);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long amount = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
              });
      end = m.end();
    }
    if (end == 0 || end != value.length()) {
      throw new ConfigException(
          name, "'" + value + "' is not a duration (e.g. 30s, 1m30s, 500ms, 2h)");
    }
    return total;
  }

  static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.toMillisPart() != 0 || d.toSeconds() == 0) {
      return d.toMillis() + "ms";
    }
    return d.toSeconds() + "s";
  }
}
