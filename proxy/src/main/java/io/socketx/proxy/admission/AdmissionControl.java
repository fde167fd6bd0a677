package io.socketx.proxy.admission;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Decides, before a WebSocket upgrade, whether the proxy takes it: caps on open connections and on
 * handshakes in progress (like nginx {@code limit_conn}), and token buckets for upgrades per second
 * per proxy and per source address (like nginx {@code limit_req}). Refusing costs a counter check
 * and a small HTTP response, far less than the key exchange it avoids. Thread-safe.
 */
public final class AdmissionControl {
  private final AdmissionLimits limits;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger handshakes = new AtomicInteger();
  private final TokenBucket proxyRate;
  private final SourceBuckets sourceRate;

  public AdmissionControl(AdmissionLimits limits, LongSupplier nanoTicker) {
    this.limits = limits;
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

  /**
   * Decides on one upgrade from {@code source}, whose own TCP connection is already counted. The
   * cheap caps come first; a source's token is taken before the proxy's, so one noisy source does
   * not drain the bucket everyone shares.
   */
  public Admission admit(InetAddress source) {
    if (limits.maxConnections() > 0 && connections.get() > limits.maxConnections()) {
      return new Admission.Refused("connection_limit", 1);
    }
    if (limits.maxConcurrentHandshakes() > 0
        && handshakes.get() >= limits.maxConcurrentHandshakes()) {
      return new Admission.Refused("handshake_concurrency", 1);
    }
    if (sourceRate != null && source != null) {
      long wait = sourceRate.tryTake(source);
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
    return takeHandshakeSlot()
        ? new Admission.Admitted(new HandshakeSlot(handshakes))
        : new Admission.Refused("handshake_concurrency", 1);
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

  /** How many sources have a bucket now (bounded by {@code HANDSHAKE_SOURCES_TRACKED}). */
  int sourcesTracked() {
    return sourceRate == null ? 0 : sourceRate.size();
  }
}
