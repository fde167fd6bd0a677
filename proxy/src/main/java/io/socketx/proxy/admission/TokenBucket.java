package io.socketx.proxy.admission;

import java.util.function.LongSupplier;

/**
 * A token bucket (as nginx {@code limit_req} with {@code burst ... nodelay}): holds up to {@code
 * burst} tokens, refills {@code ratePerSecond} a second, and each admitted event takes one. Time
 * comes from an injected nanosecond ticker so tests need no clock.
 */
public final class TokenBucket {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final long nanosPerToken;
  private final long capacityNanos;
  private final LongSupplier ticker;

  /** The ticker value at which the bucket is full again; tokens = (now - this) / nanosPerToken. */
  private long fullAt;

  public TokenBucket(int ratePerSecond, int burst, LongSupplier ticker) {
    if (ratePerSecond <= 0 || burst <= 0) {
      throw new IllegalArgumentException("rate and burst must be positive");
    }
    this.nanosPerToken = Math.max(1, NANOS_PER_SECOND / ratePerSecond);
    this.capacityNanos = nanosPerToken * burst;
    this.ticker = ticker;
    this.fullAt = ticker.getAsLong() - capacityNanos;
  }

  /**
   * Takes one token: returns 0 when it was there, otherwise how many nanoseconds until one will be
   * (nothing is taken then).
   */
  public synchronized long tryTake() {
    long now = ticker.getAsLong();
    // never hold more than the burst: a long quiet period does not bank tokens
    long start = Math.max(fullAt, now - capacityNanos);
    long next = start + nanosPerToken;
    if (next - now > 0) {
      return next - now;
    }
    fullAt = next;
    return 0;
  }
}
