package io.socketx.proxy.admission;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One {@link TokenBucket} per source address in a table of bounded size: when it is full the least
 * recently seen source is forgotten (it starts again with a full bucket, so the bound trades a
 * little precision for memory an attacker cannot grow). Sources are {@link SourceKey}s.
 */
final class SourceBuckets {
  private final int rate;
  private final int burst;
  private final LongSupplier ticker;
  private final Map<SourceKey, TokenBucket> buckets;

  SourceBuckets(int rate, int burst, int maxSources, LongSupplier ticker) {
    this.rate = rate;
    this.burst = burst;
    this.ticker = ticker;
    this.buckets =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<SourceKey, TokenBucket> eldest) {
            return size() > maxSources;
          }
        };
  }

  /** {@link TokenBucket#tryTake()} on the bucket of {@code key}. */
  long tryTake(SourceKey key) {
    TokenBucket bucket;
    synchronized (buckets) {
      bucket = buckets.computeIfAbsent(key, s -> new TokenBucket(rate, burst, ticker));
    }
    return bucket.tryTake();
  }

  int size() {
    synchronized (buckets) {
      return buckets.size();
    }
  }
}
