package io.socketx.billing;

import io.socketx.billing.cluster.Leadership;
import io.socketx.billing.model.Ledger;
import io.socketx.billing.model.Settlement;
import io.socketx.billing.model.UsageKey;
import io.socketx.billing.report.UsageEvent;
import io.socketx.billing.report.UsageReporter;
import io.socketx.billing.report.UsageResult;
import io.socketx.billing.store.LedgerStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica's flush and report cycle: writes this replica's cumulative counts into the shared
 * ledger and, on the elected reporter, claims the due buckets, sends them and records the outcome.
 */
final class BillingEngine {
  /** The metering API accepts events whose hour started at most this long ago. */
  static final Duration API_WINDOW = Duration.ofHours(24);

  /** Buckets older than this are forgotten (two hours past the API window). */
  static final Duration RETENTION = API_WINDOW.plusHours(2);

  /** A claim not settled within this time is presumed abandoned (crashed reporter). */
  static final Duration CLAIM_TTL = Duration.ofMinutes(10);

  /** Upper bound of the backoff between report attempts after transient failures. */
  static final Duration MAX_BACKOFF = Duration.ofHours(1);

  private static final Logger LOG = LoggerFactory.getLogger(BillingEngine.class);

  private final HourlyCounter counter;
  private final LedgerStore store;
  private final Leadership leadership;
  private final UsageReporter reporter;
  private final Clock clock;
  private final BillingMetrics metrics;
  private final String replicaId;
  private final Duration interval;
  private final Duration grace;
  private int consecutiveFailures;
  private Instant nextAttempt = Instant.MIN;

  BillingEngine(
      HourlyCounter counter,
      LedgerStore store,
      Leadership leadership,
      UsageReporter reporter,
      Clock clock,
      BillingMetrics metrics,
      String replicaId,
      Duration interval,
      Duration grace) {
    this.counter = counter;
    this.store = store;
    this.leadership = leadership;
    this.reporter = reporter;
    this.clock = clock;
    this.metrics = metrics;
    this.replicaId = replicaId;
    this.interval = interval;
    this.grace = grace;
  }

  /** Writes this replica's cumulative counts to the ledger; throws when the store fails. */
  synchronized Ledger flush() {
    Instant cutoff = clock.instant().minus(RETENTION);
    Map<UsageKey, Long> snapshot = counter.snapshot();
    Ledger ledger;
    try {
      ledger = store.update(l -> l.withReplicaCounts(replicaId, snapshot).prune(cutoff));
    } catch (RuntimeException e) {
      metrics.flushFailure();
      throw e;
    }
    counter.retire(cutoff);
    metrics.pending(ledger.pending(clock.instant()));
    metrics.late(ledger.lateMessages());
    return ledger;
  }

  /** Reports due buckets if this replica is the reporter. */
  synchronized ReportSummary report() {
    if (!leadership.isLeader()) {
      return ReportSummary.NOT_LEADER;
    }
    Instant now = clock.instant();
    if (now.isBefore(nextAttempt)) {
      LOG.debug("billing: backing off until {}", nextAttempt);
      return ReportSummary.BACKED_OFF;
    }
    Ledger ledger = store.load();
    List<UsageKey> due = ledger.due(now, grace, CLAIM_TTL);
    int rejected = expireUnsendable(due, ledger, now);
    due.removeIf(k -> !k.hour().isAfter(now.minus(API_WINDOW)));
    if (due.isEmpty()) {
      metrics.pending(store.load().pending(now));
      return new ReportSummary(true, 0, 0, 0, rejected, 0, false);
    }
    String owner = replicaId + "/" + UUID.randomUUID();
    List<UsageKey> toClaim = due;
    Map<UsageKey, Long> claimed =
        store.update(l -> l.claim(toClaim, owner, now, CLAIM_TTL)).claimedBy(owner);
    List<UsageEvent> events = new ArrayList<>();
    claimed.forEach((k, q) -> events.add(new UsageEvent(k, q)));
    List<UsageResult> results = send(events);

    Map<UsageKey, Settlement> outcomes = new TreeMap<>();
    List<UsageKey> retry = new ArrayList<>();
    int accepted = 0;
    int duplicates = 0;
    int discrepancies = 0;
    int failed = 0;
    for (UsageResult r : results) {
      long sent = claimed.get(r.key());
      switch (r.outcome()) {
        case ACCEPTED -> {
          accepted++;
          outcomes.put(
              r.key(), Settlement.settled(Settlement.State.ACCEPTED, sent, now, r.detail()));
          metrics.report("accepted", r.reason(), 1);
        }
        case DUPLICATE -> {
          if (Double.isNaN(r.acceptedQuantity()) || r.acceptedQuantity() == (double) sent) {
            duplicates++;
            outcomes.put(
                r.key(),
                Settlement.settled(
                    Settlement.State.ACCEPTED, sent, now, "duplicate of " + r.detail()));
            metrics.report("duplicate", r.reason(), 1);
          } else {
            discrepancies++;
            long acceptedQuantity = Math.round(r.acceptedQuantity());
            LOG.error(
                "billing discrepancy: usage {} was already accepted with quantity {} but the"
                    + " ledger holds {} (event {})",
                r.key(),
                acceptedQuantity,
                sent,
                r.detail());
            outcomes.put(
                r.key(),
                Settlement.settled(
                    Settlement.State.DISCREPANCY,
                    acceptedQuantity,
                    now,
                    "counted " + sent + ", accepted " + acceptedQuantity));
            metrics.report("discrepancy", r.reason(), 1);
          }
        }
        case REJECTED -> {
          rejected++;
          LOG.error(
              "billing: usage {} quantity {} permanently rejected ({}): {}",
              r.key(),
              sent,
              r.reason(),
              r.detail());
          outcomes.put(
              r.key(),
              Settlement.settled(
                  Settlement.State.REJECTED, sent, now, r.reason() + ": " + r.detail()));
          metrics.report("rejected", r.reason(), 1);
        }
        case TRANSIENT -> {
          failed++;
          retry.add(r.key());
          metrics.report("failed", r.reason(), 1);
          if (r.reason().equals("resource_id")) {
            metrics.resourceIdFailure();
          }
        }
      }
    }
    if (failed > 0) {
      UsageResult first =
          results.stream()
              .filter(r -> r.outcome() == UsageResult.Outcome.TRANSIENT)
              .findFirst()
              .orElseThrow();
      consecutiveFailures++;
      Duration backoff = backoff(consecutiveFailures);
      nextAttempt = now.plus(backoff);
      // A missing resource id is a configuration problem someone must fix: make it an error.
      boolean misconfigured = first.reason().equals("resource_id");
      (misconfigured ? LOG.atError() : LOG.atWarn())
          .log(
              "billing: {} usage event(s) not reported ({}: {}); retrying in {}",
              failed,
              first.reason(),
              first.detail(),
              backoff);
    } else {
      consecutiveFailures = 0;
      nextAttempt = Instant.MIN;
    }
    if (accepted + duplicates > 0) {
      metrics.lastSuccess(now.getEpochSecond());
    }
    Ledger after = store.update(l -> l.settle(outcomes).release(retry, owner));
    metrics.pending(after.pending(now));
    return new ReportSummary(true, accepted, duplicates, discrepancies, rejected, failed, false);
  }

  /** Next attempt after {@code failures} consecutive failed cycles: interval, 2x, 4x, ... */
  private Duration backoff(int failures) {
    Duration d = interval.multipliedBy(1L << Math.min(failures - 1, 10));
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  private List<UsageResult> send(List<UsageEvent> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    List<UsageResult> results;
    try {
      results = reporter.report(events);
    } catch (RuntimeException e) {
      LOG.warn("billing: reporter failed", e);
      return events.stream()
          .map(ev -> UsageResult.transientFailure(ev, "internal", e.toString()))
          .toList();
    }
    if (results.size() != events.size()) {
      throw new IllegalStateException("reporter returned " + results.size() + " results");
    }
    return results;
  }

  /** Settles buckets that left the API window unsent as rejected; they can never be billed. */
  private int expireUnsendable(List<UsageKey> due, Ledger ledger, Instant now) {
    Map<UsageKey, Settlement> expired = new TreeMap<>();
    Map<UsageKey, Long> totals = ledger.totals();
    for (UsageKey k : due) {
      if (!k.hour().isAfter(now.minus(API_WINDOW))) {
        long quantity = totals.get(k);
        LOG.error(
            "billing: usage {} quantity {} is older than 24 h and can no longer be reported",
            k,
            quantity);
        expired.put(
            k,
            Settlement.settled(
                Settlement.State.REJECTED, quantity, now, "Expired: not sent in time"));
      }
    }
    if (!expired.isEmpty()) {
      store.update(l -> l.settle(expired));
      metrics.report("rejected", "expired_unsent", expired.size());
    }
    return expired.size();
  }
}
