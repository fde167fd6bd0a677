package io.socketx.billing.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Go-style durations such as {@code 15m}, {@code 1h30m}, {@code 30s}, {@code 250ms}. */
public final class GoDuration {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private GoDuration() {}

  /** Returns the duration, or throws {@link IllegalArgumentException} describing the bad text. */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty duration");
    }
    String s = text.trim();
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(s);
    int pos = 0;
    BigDecimal nanos = BigDecimal.ZERO;
    while (pos < s.length()) {
      if (!m.find(pos) || m.start() != pos) {
        throw new IllegalArgumentException(
            "invalid duration '" + text + "' (expected e.g. 30s, 15m, 1h, 1h30m)");
      }
      BigDecimal value = new BigDecimal(m.group(1));
      nanos = nanos.add(value.multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
      pos = m.end();
    }
    return Duration.ofNanos(nanos.longValueExact());
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      default -> throw new IllegalArgumentException("unknown unit " + unit);
    };
  }
}
