package io.socketx.proxy.logging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.socketx.proxy.admission.TokenBucket;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the lines written per connection or request (close audit records, refused upgrades, client
 * protocol errors, unreachable upstreams) so that a flood cannot turn into a log flood: up to
 * {@code LOG_RATE_LIMIT} a second pass, the rest are counted in {@code
 * socketx_log_suppressed_total} and summed up in one periodic line. Lines about the proxy itself
 * (start, reload, shutdown) are never limited.
 */
public final class LogRateLimiter {
  private static final Logger LOG = LoggerFactory.getLogger(LogRateLimiter.class);

  private final TokenBucket bucket;
  private final Counter suppressedTotal;
  private final AtomicLong suppressedSinceSummary = new AtomicLong();

  /** {@code perSecond} of 0 lets everything through. */
  public LogRateLimiter(int perSecond, MeterRegistry registry, LongSupplier nanoTicker) {
    this.bucket = perSecond > 0 ? new TokenBucket(perSecond, perSecond, nanoTicker) : null;
    this.suppressedTotal =
        Counter.builder("socketx.log.suppressed")
            .description("Audit and per-request log lines not written because of LOG_RATE_LIMIT")
            .register(registry);
  }

  /** Whether the caller may write its line now; when not, the line is counted as suppressed. */
  public boolean admit() {
    if (bucket == null || bucket.tryTake() == 0) {
      return true;
    }
    suppressedTotal.increment();
    suppressedSinceSummary.incrementAndGet();
    return false;
  }

  /** Writes how many lines were suppressed since the last summary, if any; returns that number. */
  public long summarize() {
    long suppressed = suppressedSinceSummary.getAndSet(0);
    if (suppressed > 0) {
      LOG.warn(
          "Suppressed {} audit and request log lines over LOG_RATE_LIMIT since the last summary",
          suppressed,
          net.logstash.logback.marker.Markers.append("suppressed_lines", suppressed));
    }
    return suppressed;
  }
}
