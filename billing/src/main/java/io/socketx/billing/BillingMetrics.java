package io.socketx.billing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.socketx.billing.model.Dimension;
import java.util.concurrent.atomic.AtomicLong;

/** Billing meters, all prefixed {@code socketx.billing}. */
final class BillingMetrics {
  static final String MESSAGES = "socketx.billing.messages";
  static final String PENDING = "socketx.billing.buckets.pending";
  static final String REPORTS = "socketx.billing.reports";
  static final String LAST_SUCCESS = "socketx.billing.last.success";
  static final String RESOURCE_ID_FAILURES = "socketx.billing.resource.id.failures";
  static final String FLUSH_FAILURES = "socketx.billing.flush.failures";
  static final String LEADER = "socketx.billing.leader";
  static final String LATE = "socketx.billing.late.messages";

  private final MeterRegistry registry;
  private final Tags tags;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong late = new AtomicLong();
  private final AtomicLong lastSuccessEpochSeconds = new AtomicLong();
  private final Counter resourceIdFailures;
  private final Counter flushFailures;

  BillingMetrics(MeterRegistry registry, String product) {
    this.registry = registry;
    this.tags = Tags.of("product", product);
    Gauge.builder(PENDING, pending, AtomicLong::get)
        .tags(tags)
        .description("Closed hour/dimension buckets not yet accepted or settled")
        .register(registry);
    Gauge.builder(LATE, late, AtomicLong::get)
        .tags(tags)
        .description("Messages counted into buckets after they were reported (not billed)")
        .register(registry);
    Gauge.builder(LAST_SUCCESS, lastSuccessEpochSeconds, AtomicLong::get)
        .tags(tags)
        .baseUnit("seconds")
        .description("Unix time of the last report the API accepted (0 = never)")
        .register(registry);
    resourceIdFailures =
        Counter.builder(RESOURCE_ID_FAILURES)
            .tags(tags)
            .description("Failures to determine the Azure resource id")
            .register(registry);
    flushFailures =
        Counter.builder(FLUSH_FAILURES)
            .tags(tags)
            .description("Failed writes of this replica's counts to the shared ledger")
            .register(registry);
  }

  void bindCounter(HourlyCounter counter) {
    for (Dimension d : Dimension.values()) {
      FunctionCounter.builder(MESSAGES, counter, c -> c.total(d))
          .tags(tags.and("dimension", d.apiName()))
          .description("Billable messages counted by this replica")
          .register(registry);
    }
  }

  void bindLeadership(java.util.function.BooleanSupplier leader) {
    Gauge.builder(LEADER, () -> leader.getAsBoolean() ? 1 : 0)
        .tags(tags)
        .description("1 while this replica is the usage reporter")
        .register(registry);
  }

  void report(String outcome, String reason, int count) {
    if (count > 0) {
      Counter.builder(REPORTS)
          .tags(tags.and("outcome", outcome, "reason", reason))
          .description(
              "Usage events by outcome (accepted, duplicate, discrepancy, rejected, failed)")
          .register(registry)
          .increment(count);
    }
  }

  void pending(int buckets) {
    pending.set(buckets);
  }

  void late(long messages) {
    late.set(messages);
  }

  void lastSuccess(long epochSeconds) {
    lastSuccessEpochSeconds.set(epochSeconds);
  }

  void resourceIdFailure() {
    resourceIdFailures.increment();
  }

  void flushFailure() {
    flushFailures.increment();
  }
}
