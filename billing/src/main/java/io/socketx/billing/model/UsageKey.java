package io.socketx.billing.model;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Objects;

/**
 * One billable bucket: a calendar hour (UTC) and a dimension. The metering API accepts exactly one
 * event per resource and bucket.
 *
 * @param hour start of the hour, truncated to the hour
 * @param dimension the dimension
 */
public record UsageKey(Instant hour, Dimension dimension) implements Comparable<UsageKey> {
  private static final Comparator<UsageKey> ORDER =
      Comparator.comparing(UsageKey::hour).thenComparing(UsageKey::dimension);

  public UsageKey {
    Objects.requireNonNull(hour, "hour");
    Objects.requireNonNull(dimension, "dimension");
    if (!hour.truncatedTo(ChronoUnit.HOURS).equals(hour)) {
      throw new IllegalArgumentException("not the start of an hour: " + hour);
    }
  }

  /** The bucket containing {@code instant}. */
  public static UsageKey at(Instant instant, Dimension dimension) {
    return new UsageKey(instant.truncatedTo(ChronoUnit.HOURS), dimension);
  }

  /** End of the hour (exclusive). */
  public Instant end() {
    return hour.plus(Duration.ofHours(1));
  }

  /** Stable text form {@code 2026-01-01T10:00:00Z/encodedMessages}, used as a storage key. */
  public String id() {
    return hour + "/" + dimension.apiName();
  }

  /** Parses {@link #id()}. */
  public static UsageKey parse(String id) {
    int slash = id.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("bad usage key " + id);
    }
    return new UsageKey(
        Instant.parse(id.substring(0, slash)), Dimension.ofApiName(id.substring(slash + 1)));
  }

  @Override
  public int compareTo(UsageKey o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return id();
  }
}
