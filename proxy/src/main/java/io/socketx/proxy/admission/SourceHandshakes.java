package io.socketx.proxy.admission;

import java.util.HashMap;
import java.util.Map;

/**
 * Handshakes in progress per source (like nginx {@code limit_conn} keyed by address), so that one
 * source whose upgrades stall cannot hold every handshake slot of the proxy. A source is in the
 * table only while it has a handshake in progress, and the table holds at most {@code maxSources}
 * of them.
 */
final class SourceHandshakes {
  /** The outcome of {@link #tryTake}. */
  enum Take {
    TAKEN,
    SOURCE_FULL,
    TABLE_FULL
  }

  private final int maxPerSource;
  private final int maxSources;
  private final Map<SourceKey, Integer> inProgress = new HashMap<>();

  SourceHandshakes(int maxPerSource, int maxSources) {
    this.maxPerSource = maxPerSource;
    this.maxSources = maxSources;
  }

  synchronized Take tryTake(SourceKey source) {
    int n = inProgress.getOrDefault(source, 0);
    if (n >= maxPerSource) {
      return Take.SOURCE_FULL;
    }
    if (n == 0 && inProgress.size() >= maxSources) {
      return Take.TABLE_FULL;
    }
    inProgress.put(source, n + 1);
    return Take.TAKEN;
  }

  /** Gives back one handshake {@link #tryTake} took for {@code source}. */
  synchronized void release(SourceKey source) {
    inProgress.computeIfPresent(source, (k, n) -> n > 1 ? n - 1 : null);
  }

  synchronized int inProgress(SourceKey source) {
    return inProgress.getOrDefault(source, 0);
  }
}
