package io.socketx.billing;

import io.socketx.billing.model.Dimension;
import io.socketx.billing.model.UsageKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Lock-free per-hour message counter. The hot path reads the clock, finds the slot of the current
 * hour (one volatile read in the common case) and increments a {@link LongAdder}.
 *
 * <p>Counters are only ever incremented, never reset: {@link #snapshot()} returns cumulative
 * values, so a thread that increments a slot just after the hour turned is simply picked up by the
 * next snapshot instead of being lost in a reset race.
 */
public final class HourlyCounter implements MessageMeter {
  private static final long HOUR_MILLIS = 3_600_000L;

  private final Clock clock;
  private final ConcurrentMap<Long, Slot> slots = new ConcurrentHashMap<>();
  private final long[] retired = new long[Dimension.values().length];
  private volatile Slot current;

  /** Creates a counter reading hours from {@code clock}. */
  public HourlyCounter(Clock clock) {
    this.clock = clock;
    this.current = slot(clock.millis() / HOUR_MILLIS);
  }

  @Override
  public void encoded() {
    currentSlot().encoded.increment();
  }

  @Override
  public void decoded() {
    currentSlot().decoded.increment();
  }

  /** Cumulative count per bucket for every hour still held. */
  public Map<UsageKey, Long> snapshot() {
    Map<UsageKey, Long> snapshot = new TreeMap<>();
    slots.forEach(
        (hour, slot) -> {
          Instant start = Instant.ofEpochMilli(hour * HOUR_MILLIS);
          long enc = slot.encoded.sum();
          long dec = slot.decoded.sum();
          if (enc > 0) {
            snapshot.put(new UsageKey(start, Dimension.ENCODED_MESSAGES), enc);
          }
          if (dec > 0) {
            snapshot.put(new UsageKey(start, Dimension.DECODED_MESSAGES), dec);
          }
        });
    return snapshot;
  }

  /** Total messages counted by this process for a dimension (for metrics). */
  public synchronized double total(Dimension dimension) {
    long sum = retired[dimension.ordinal()];
    for (Slot slot : slots.values()) {
      sum += (dimension == Dimension.ENCODED_MESSAGES ? slot.encoded : slot.decoded).sum();
    }
    return sum;
  }

  /**
   * Forgets hours that started before {@code cutoff}; they are beyond the metering API's window and
   * already persisted by earlier flushes.
   */
  public synchronized void retire(Instant cutoff) {
    long cutoffHour = cutoff.toEpochMilli() / HOUR_MILLIS;
    slots
        .entrySet()
        .removeIf(
            e -> {
              if (e.getKey() < cutoffHour && e.getValue() != current) {
                retired[Dimension.ENCODED_MESSAGES.ordinal()] += e.getValue().encoded.sum();
                retired[Dimension.DECODED_MESSAGES.ordinal()] += e.getValue().decoded.sum();
                return true;
              }
              return false;
            });
  }

  private Slot currentSlot() {
    long hour = clock.millis() / HOUR_MILLIS;
    Slot slot = current;
    if (slot.hour == hour) {
      return slot;
    }
    slot = slot(hour);
    if (hour > current.hour) {
      current = slot;
    }
    return slot;
  }

  private Slot slot(long hour) {
    return slots.computeIfAbsent(hour, Slot::new);
  }

  private static final class Slot {
    final long hour;
    final LongAdder encoded = new LongAdder();
    final LongAdder decoded = new LongAdder();

    Slot(long hour) {
      this.hour = hour;
    }
  }
}
