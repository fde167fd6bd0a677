package io.socketx.bench;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command-line options of the form {@code --name value} or {@code --flag}, read through typed
 * getters that name the option in every error.
 */
public final class Options {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");
  private static final Pattern SIZE = Pattern.compile("(\\d+)(b|k|kb|kib|m|mb|mib)?");

  private final Map<String, String> values = new LinkedHashMap<>();
  private final Set<String> read = new HashSet<>();

  private Options() {}

  /**
   * Parses arguments; a name followed by another {@code --name} or by nothing is a flag.
   *
   * @throws UsageException when an argument is not an option
   */
  public static Options parse(String[] args) {
    Options options = new Options();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new UsageException("unexpected argument '" + arg + "' (options look like --name)");
      }
      String name = arg.substring(2);
      String value = "true";
      int eq = name.indexOf('=');
      if (eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        value = args[++i];
      }
      if (options.values.put(name, value) != null) {
        throw new UsageException("option --" + name + " is given twice");
      }
    }
    return options;
  }

  public String string(String name, String fallback) {
    read.add(name);
    return values.getOrDefault(name, fallback);
  }

  public int integer(String name, int fallback, int min, int max) {
    String v = string(name, null);
    if (v == null) {
      return fallback;
    }
    long parsed;
    try {
      parsed = Long.parseLong(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be an integer but was '" + v + "'");
    }
    return checkRange(name, parsed, min, max);
  }

  /** A byte count such as {@code 64}, {@code 1k}, {@code 16KiB} (k = 1024). */
  public int size(String name, int fallback, int min, int max) {
    String v = string(name, null);
    if (v == null) {
      return fallback;
    }
    Matcher m = SIZE.matcher(v.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new UsageException("--" + name + " must be a size like 64, 1k or 16KiB but was " + v);
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    long factor = unit.startsWith("k") ? 1024 : unit.startsWith("m") ? 1024 * 1024 : 1;
    return checkRange(name, n * factor, min, max);
  }

  /** A duration such as {@code 500ms}, {@code 10s}, {@code 2m}; a bare number means seconds. */
  public Duration duration(String name, Duration fallback) {
    String v = string(name, null);
    if (v == null) {
      return fallback;
    }
    Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new UsageException("--" + name + " must be a duration like 500ms, 10s or 2m: " + v);
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
  }

  public boolean flag(String name) {
    String v = string(name, "false");
    if (!v.equals("true") && !v.equals("false")) {
      throw new UsageException("--" + name + " is a flag (true or false) but was '" + v + "'");
    }
    return Boolean.parseBoolean(v);
  }

  /** An enum constant named case-insensitively, with '-' standing for '_'. */
  public <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
    String v = string(name, null);
    if (v == null) {
      return fallback;
    }
    String wanted = v.toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(wanted)) {
        return e;
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      allowed.append(allowed.length() == 0 ? "" : ", ").append(label(e));
    }
    throw new UsageException("--" + name + " must be one of " + allowed + " but was '" + v + "'");
  }

  /**
   * Rejects options nobody asked for, so a typo does not silently fall back to a default.
   *
   * @throws UsageException naming the unknown options
   */
  public void rejectUnknown() {
    Set<String> unknown = new HashSet<>(values.keySet());
    unknown.removeAll(read);
    if (!unknown.isEmpty()) {
      throw new UsageException("unknown option(s): --" + String.join(", --", unknown));
    }
  }

  /** The command-line spelling of an enum constant. */
  public static String label(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static int checkRange(String name, long value, int min, int max) {
    if (value < min || value > max) {
      throw new UsageException(
          "--" + name + " must be between " + min + " and " + max + " but was " + value);
    }
    return (int) value;
  }
}
