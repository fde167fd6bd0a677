package io.socketx.proxy.admission;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bytes all connections of the proxy have queued toward their peers and not yet handed to the
 * kernel, against one proxy-wide bound (like Envoy's overload manager): each connection's bound
 * alone does not bound their sum. Over it, the connection that adds to the queue is closed and new
 * upgrades are refused until enough is sent or dropped. Thread-safe; {@code 0} is no bound.
 */
public final class OutboundMemory {
  private final long limit;
  private final LongAdder queued = new LongAdder();
  private final LongAdder closes = new LongAdder();

  public OutboundMemory(long limit) {
    this.limit = limit;
  }

  /** Counts {@code delta} more (or, negative, fewer) queued bytes. */
  public void add(long delta) {
    if (delta != 0) {
      queued.add(delta);
    }
  }

  /** Whether a bound is set and the queued bytes are above it. */
  public boolean overLimit() {
    return limit > 0 && queued.sum() > limit;
  }

  /** Counts one connection closed because the proxy was over the bound. */
  public void closedOne() {
    closes.increment();
  }

  public long queuedBytes() {
    return queued.sum();
  }

  public long limit() {
    return limit;
  }

  /**
   * Publishes {@code socketx_outbound_queued_bytes}, {@code socketx_outbound_queued_limit_bytes}
   * and {@code socketx_overload_closes_total}.
   */
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("socketx.outbound.queued.bytes", this, OutboundMemory::queuedBytes)
        .description("Bytes queued toward clients and upstreams, all connections together")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("socketx.outbound.queued.limit.bytes", this, OutboundMemory::limit)
        .description("MAX_PENDING_BYTES_TOTAL (0: no bound)")
        .baseUnit("bytes")
        .register(registry);
    FunctionCounter.builder("socketx.overload.closes", closes, LongAdder::sum)
        .description(
            "Connections closed with 1008 because the proxy was over MAX_PENDING_BYTES_TOTAL")
        .register(registry);
  }
}
