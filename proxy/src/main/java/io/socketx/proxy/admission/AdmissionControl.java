package io.socketx.proxy.admission;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Decides, before a WebSocket upgrade, whether the proxy takes it: caps on open connections, on
 * handshakes in progress per proxy and per source address (like nginx {@code limit_conn}), token
 * buckets for upgrades per second per proxy and per source address (like nginx {@code limit_req}),
 * and no new sessions while the proxy's queued outbound bytes are over their bound (like Envoy's
 * overload manager). Refusing costs a counter check and a small HTTP response, far less than the
 * key exchange it avoids. Thread-safe.
 */
public final class AdmissionControl {
  private final AdmissionLimits limits;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger handshakes = new AtomicInteger();
  private final TokenBucket proxyRate;
  private final SourceBuckets sourceRate;
  private final SourceHandshakes sourceHandshakes;
  private final OutboundMemory outboundMemory;

  public AdmissionControl(AdmissionLimits limits, LongSupplier nanoTicker) {
    this.limits = limits;
    this.outboundMemory = new OutboundMemory(limits.maxPendingBytesTotal());
    this.sourceHandshakes =
        limits.maxHandshakesPerSource() > 0
            ? new SourceHandshakes(limits.maxHandshakesPerSource(), limits.sourcesTracked())
            : null;
    this.proxyRate =
        limits.handshakeRate() > 0
            ? new TokenBucket(limits.handshakeRate(), limits.handshakeBurst(), nanoTicker)
            : null;
    this.sourceRate =
        limits.sourceRate() > 0
            ? new SourceBuckets(
                limits.sourceRate(), limits.sourceBurst(), limits.sourcesTracked(), nanoTicker)
            : null;
  }

  /** Counts an accepted TCP connection until {@link #connectionClosed()}. */
  public void connectionOpened() {
    connections.incrementAndGet();
  }

  public void connectionClosed() {
    connections.decrementAndGet();
  }

  /** Open TCP connections on the public listener. */
  public int connections() {
    return connections.get();
  }

  /** Admitted upgrades whose handshake has not ended. */
  public int handshakesInProgress() {
    return handshakes.get();
  }

  /** The proxy-wide count of queued outbound bytes, which refuses upgrades while over its bound. */
  public OutboundMemory outboundMemory() {
    return outboundMemory;
  }

  /**
   * Decides on one upgrade from {@code source}, whose own TCP connection is already counted. The
   * cheap caps come first; a source's token is taken before the proxy's, so one noisy source does
   * not drain the bucket everyone shares.
   */
  public Admission admit(InetAddress source) {
    if (limits.maxConnections() > 0 && connections.get() > limits.maxConnections()) {
      return new Admission.Refused("connection_limit", 1);
    }
    if (outboundMemory.overLimit()) {
      return new Admission.Refused("memory", 1);
    }
    if (limits.maxConcurrentHandshakes() > 0
        && handshakes.get() >= limits.maxConcurrentHandshakes()) {
      return new Admission.Refused("handshake_concurrency", 1);
    }
    SourceKey key = source == null ? null : SourceKey.of(source);
    SourceKey heldBySource = null;
    if (sourceHandshakes != null && key != null) {
      switch (sourceHandshakes.tryTake(key)) {
        case SOURCE_FULL -> {
          return new Admission.Refused("source_concurrency", 1);
        }
        case TABLE_FULL -> {
          return new Admission.Refused("handshake_concurrency", 1);
        }
        case TAKEN -> heldBySource = key;
      }
    }
    Admission.Refused refused = rateRefusal(key);
    if (refused == null && !takeHandshakeSlot()) {
      refused = new Admission.Refused("handshake_concurrency", 1);
    }
    if (refused != null) {
      if (heldBySource != null) {
        sourceHandshakes.release(heldBySource);
      }
      return refused;
    }
    SourceKey held = heldBySource;
    return new Admission.Admitted(
        new HandshakeSlot(
            () -> {
              handshakes.decrementAndGet();
              if (held != null) {
                sourceHandshakes.release(held);
              }
            }));
  }

  private Admission.Refused rateRefusal(SourceKey key) {
    if (sourceRate != null && key != null) {
      long wait = sourceRate.tryTake(key);
      if (wait > 0) {
        return Admission.Refused.after("source_rate", wait);
      }
    }
    if (proxyRate != null) {
      long wait = proxyRate.tryTake();
      if (wait > 0) {
        return Admission.Refused.after("handshake_rate", wait);
      }
    }
    return null;
  }

  private boolean takeHandshakeSlot() {
    int max = limits.maxConcurrentHandshakes();
    while (true) {
      int n = handshakes.get();
      if (max > 0 && n >= max) {
        return false; // another upgrade took the last slot since the check above
      }
      if (handshakes.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Handshakes in progress from {@code source}. */
  int handshakesInProgressFrom(InetAddress source) {
    return sourceHandshakes == null ? 0 : sourceHandshakes.inProgress(SourceKey.of(source));
  }

  /** How many sources have a bucket now (bounded by {@code HANDSHAKE_SOURCES_TRACKED}). */
  int sourcesTracked() {
    return sourceRate == null ? 0 : sourceRate.size();
  }
}
