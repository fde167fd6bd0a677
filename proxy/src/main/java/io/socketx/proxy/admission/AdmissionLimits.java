package io.socketx.proxy.admission;

/**
 * The admission settings; a limit of 0 is off. See docs/security.md.
 *
 * @param maxConnections open TCP connections on the public listener
 * @param maxConcurrentHandshakes admitted upgrades whose SocketX handshake is not finished
 * @param maxHandshakesPerSource the same, per source address
 * @param handshakeRate upgrades a second for the whole proxy
 * @param handshakeBurst the whole proxy's bucket size
 * @param sourceRate upgrades a second per source address
 * @param sourceBurst a source's bucket size
 * @param sourcesTracked how many sources' buckets are remembered
 * @param maxPendingBytesTotal bytes queued toward peers, all connections together
 */
public record AdmissionLimits(
    int maxConnections,
    int maxConcurrentHandshakes,
    int maxHandshakesPerSource,
    int handshakeRate,
    int handshakeBurst,
    int sourceRate,
    int sourceBurst,
    int sourcesTracked,
    long maxPendingBytesTotal) {

  /** Upgrades a second the whole proxy admits by default, per processor it may use. */
  public static final int HANDSHAKE_RATE_PER_PROCESSOR = 100;

  /** The default proxy-wide bucket holds this many seconds of the default rate. */
  public static final int HANDSHAKE_BURST_SECONDS = 2;

  /** The default bound on queued outbound bytes: this fraction of the maximum heap. */
  public static final int PENDING_BYTES_HEAP_PERCENT = 25;

  /** No limits at all. */
  public static AdmissionLimits unlimited() {
    return new AdmissionLimits(0, 0, 0, 0, 1, 0, 1, 1, 0);
  }

  /** {@value #HANDSHAKE_RATE_PER_PROCESSOR} a second per processor the JVM may use. */
  public static int defaultHandshakeRate(int processors) {
    return HANDSHAKE_RATE_PER_PROCESSOR * Math.max(1, processors);
  }

  /** {@value #HANDSHAKE_BURST_SECONDS} seconds of the rate. */
  public static int defaultHandshakeBurst(int rate) {
    return Math.max(1, HANDSHAKE_BURST_SECONDS * rate);
  }

  /** {@value #PENDING_BYTES_HEAP_PERCENT} % of {@code maxHeapBytes}. */
  public static long defaultMaxPendingBytesTotal(long maxHeapBytes) {
    return maxHeapBytes / 100 * PENDING_BYTES_HEAP_PERCENT;
  }
}
