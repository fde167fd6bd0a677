package io.socketx.bench;

import io.socketx.protocol.Suite;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converters for the byte counts, durations and suites that bench options take. */
public final class OptionConverters {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");
  private static final Pattern SIZE = Pattern.compile("(\\d+)(b|k|kb|kib|m|mb|mib)?");

  private OptionConverters() {}

  /** A byte count such as {@code 64}, {@code 1k}, {@code 16KiB} (k = 1024). */
  public static final class Size implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
      Matcher m = SIZE.matcher(text.toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw new TypeConversionException("must be a size like 64, 1k or 16KiB but was " + text);
      }
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "b" : m.group(2);
      long factor = unit.startsWith("k") ? 1024 : unit.startsWith("m") ? 1024 * 1024 : 1;
      return n * factor;
    }
  }

  /** A duration such as {@code 500ms}, {@code 10s}, {@code 2m}; a bare number means seconds. */
  public static final class Span implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
      Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw new TypeConversionException(
            "must be a duration like 500ms, 10s or 2m but was " + text);
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
  }

  /** A suite by its ML-KEM strength: 0 (X25519 only), 512, 768 or 1024. */
  public static final class Strength implements ITypeConverter<Suite> {
    @Override
    public Suite convert(String text) {
      int strength;
      try {
        strength = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + text + "' is not a strength (0, 512, 768, 1024)");
      }
      try {
        return Suite.fromStrength(strength);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage()); // names the strengths there are
      }
    }
  }
}
