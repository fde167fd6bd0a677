package io.socketx.contract;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of SocketX, for environment variables and CRD fields alike: Go's {@code
 * time.ParseDuration} without a sign — {@code 0}, or one or more decimal numbers each with a unit
 * {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m} or {@code h} ({@code 250ms}, {@code
 * 1.5s}, {@code 1m30s}, {@code 2h}). A bare number other than {@code 0} is rejected: its unit would
 * be a guess.
 */
public final class DurationGrammar {

  /** The grammar as a regular expression; the CRDs carry it as their duration pattern. */
  public static final String PATTERN = "^(0|([0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h))+)$";

  /** An example of every form, for messages. */
  public static final String EXAMPLES = "e.g. 250ms, 1.5s, 30s, 1m30s, 2h";

  private static final Pattern WHOLE = Pattern.compile(PATTERN);
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|ms|s|m|h)");

  private DurationGrammar() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException saying what is wrong (not a duration, or too large)
   */
  public static Duration parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration (" + EXAMPLES + ")");
    }
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher m = PART.matcher(text);
    while (m.find()) {
      nanos =
          nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
    }
    try {
      // fractions of a nanosecond are dropped, as Go does
      return Duration.ofNanos(nanos.toBigInteger().longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is too large (at most about 2562047h)");
    }
  }

  /** Writes {@code d} in this grammar, shortest units last: {@code 1h30m}, {@code 1s500ms}. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    append(out, d.toHours(), "h");
    append(out, d.toMinutesPart(), "m");
    append(out, d.toSecondsPart(), "s");
    append(out, d.toMillisPart(), "ms");
    int subMillis = d.toNanosPart() % 1_000_000;
    append(out, subMillis / 1000, "us");
    append(out, subMillis % 1000, "ns");
    return out.toString();
  }

  private static void append(StringBuilder out, long amount, String unit) {
    if (amount != 0) {
      out.append(amount).append(unit);
    }
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      default -> 3_600_000_000_000L;
    };
  }
}
