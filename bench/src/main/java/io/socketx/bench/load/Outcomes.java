package io.socketx.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How the connections of one run began and ended, counted for floods and for the legitimate clients
 * beside them: connects attempted, upgrades refused with 503 (and whether they carried {@code
 * Retry-After}), close frames received by code, resets, and closes without a close frame.
 */
final class Outcomes {
  private final LongAdder attempts = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder retryAfter = new LongAdder();
  private final LongAdder resets = new LongAdder();
  private final LongAdder withoutCloseFrame = new LongAdder();
  private final Map<Integer, LongAdder> closeCodes = new ConcurrentHashMap<>();

  /** A connect was started. */
  void attempt() {
    attempts.increment();
  }

  /** The server answered the upgrade with 503; {@code withRetryAfter} if it said when to retry. */
  void refused(boolean withRetryAfter) {
    refused.increment();
    if (withRetryAfter) {
      retryAfter.increment();
    }
  }

  /** The server sent a close frame with {@code code} (1005 when it carried none). */
  void closeFrame(int code) {
    closeCodes.computeIfAbsent(code, c -> new LongAdder()).increment();
  }

  /** The server reset the connection (or a write found it gone). */
  void reset() {
    resets.increment();
  }

  /** The server closed the TCP connection without a close frame or a reset. */
  void closedWithoutCloseFrame() {
    withoutCloseFrame.increment();
  }

  Snapshot snapshot() {
    Map<Integer, Long> codes = new TreeMap<>();
    closeCodes.forEach((code, n) -> codes.put(code, n.sum()));
    return new Snapshot(
        attempts.sum(),
        refused.sum(),
        retryAfter.sum(),
        resets.sum(),
        withoutCloseFrame.sum(),
        Map.copyOf(codes));
  }

  /** The counters at one instant; a window is the difference of two. */
  record Snapshot(
      long attempts,
      long refused,
      long refusedWithRetryAfter,
      long resets,
      long closedWithoutCloseFrame,
      Map<Integer, Long> closeCodes) {

    static final Snapshot EMPTY = new Snapshot(0, 0, 0, 0, 0, Map.of());

    Snapshot minus(Snapshot earlier) {
      Map<Integer, Long> codes = new TreeMap<>();
      closeCodes.forEach(
          (code, n) -> {
            long d = n - earlier.closeCodes.getOrDefault(code, 0L);
            if (d > 0) {
              codes.put(code, d);
            }
          });
      return new Snapshot(
          attempts - earlier.attempts,
          refused - earlier.refused,
          refusedWithRetryAfter - earlier.refusedWithRetryAfter,
          resets - earlier.resets,
          closedWithoutCloseFrame - earlier.closedWithoutCloseFrame,
          codes);
    }
  }
}
