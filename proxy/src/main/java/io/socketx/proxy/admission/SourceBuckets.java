package io.socketx.proxy.admission;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One {@link TokenBucket} per source address in a table of bounded size: when it is full the least
 * recently seen source is forgotten (it starts again with a full bucket, so the bound trades a
 * little precision for memory an attacker cannot grow). IPv6 sources count per /64, the unit a
 * single host or subscriber usually gets.
 */
final class SourceBuckets {
  private final int rate;
  private final int burst;
  private final LongSupplier ticker;
  private final Map<Source, TokenBucket> buckets;

  SourceBuckets(int rate, int burst, int maxSources, LongSupplier ticker) {
    this.rate = rate;
    this.burst = burst;
    this.ticker = ticker;
    this.buckets =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Source, TokenBucket> eldest) {
            return size() > maxSources;
          }
        };
  }

  /** {@link TokenBucket#tryTake()} on the bucket of {@code address}. */
  long tryTake(InetAddress address) {
    TokenBucket bucket;
    synchronized (buckets) {
      bucket =
          buckets.computeIfAbsent(Source.of(address), s -> new TokenBucket(rate, burst, ticker));
    }
    return bucket.tryTake();
  }

  int size() {
    synchronized (buckets) {
      return buckets.size();
    }
  }

  /** The bytes that identify a source: the whole IPv4 address, or an IPv6 /64. */
  private record Source(byte[] key) {
    static Source of(InetAddress address) {
      byte[] bytes = address.getAddress();
      return new Source(address instanceof Inet6Address ? Arrays.copyOf(bytes, 8) : bytes);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Source other && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
      return Arrays.toString(key);
    }
  }
}
