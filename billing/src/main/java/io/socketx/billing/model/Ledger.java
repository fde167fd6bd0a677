package io.socketx.billing.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The shared billing state: every replica's cumulative count per bucket, and what happened to each
 * bucket (claimed, accepted, rejected). Immutable; every change returns a new ledger, so a store
 * can apply a change with optimistic concurrency and simply re-run it on a conflict.
 *
 * <p>Counts are cumulative per replica (never deltas), so writing the same snapshot twice is
 * harmless and the total of a bucket is the sum over replicas.
 */
public final class Ledger {
  private static final Ledger EMPTY = new Ledger(new TreeMap<>(), new TreeMap<>());

  private final SortedMap<String, SortedMap<UsageKey, Long>> replicas;
  private final SortedMap<UsageKey, Settlement> settlements;

  private Ledger(
      SortedMap<String, SortedMap<UsageKey, Long>> replicas,
      SortedMap<UsageKey, Settlement> settlements) {
    this.replicas = replicas;
    this.settlements = settlements;
  }

  /** The empty ledger. */
  public static Ledger empty() {
    return EMPTY;
  }

  /** Builds a ledger from stored parts (copied). */
  public static Ledger of(
      Map<String, ? extends Map<UsageKey, Long>> replicas, Map<UsageKey, Settlement> settlements) {
    SortedMap<String, SortedMap<UsageKey, Long>> r = new TreeMap<>();
    replicas.forEach(
        (id, counts) -> {
          if (!counts.isEmpty()) {
            r.put(id, new TreeMap<>(counts));
          }
        });
    return new Ledger(r, new TreeMap<>(settlements));
  }

  /** Cumulative counts per replica id (read-only). */
  public Map<String, Map<UsageKey, Long>> replicas() {
    return Collections.unmodifiableMap(replicas);
  }

  /** Settlements per bucket (read-only). */
  public Map<UsageKey, Settlement> settlements() {
    return Collections.unmodifiableMap(settlements);
  }

  /** The settlement of a bucket, if any. */
  public Optional<Settlement> settlement(UsageKey key) {
    return Optional.ofNullable(settlements.get(key));
  }

  /**
   * Records a replica's cumulative snapshot. Values never go down: per bucket the larger of the
   * stored and the new value wins, so a stale or repeated write cannot lose counts.
   */
  public Ledger withReplicaCounts(String replica, Map<UsageKey, Long> cumulative) {
    SortedMap<UsageKey, Long> current = replicas.getOrDefault(replica, new TreeMap<>());
    SortedMap<UsageKey, Long> merged = new TreeMap<>(current);
    cumulative.forEach(
        (k, v) -> {
          if (v > 0) {
            merged.merge(k, v, Math::max);
          }
        });
    if (merged.equals(current)) {
      return this;
    }
    SortedMap<String, SortedMap<UsageKey, Long>> r = new TreeMap<>(replicas);
    r.put(replica, merged);
    return new Ledger(r, settlements);
  }

  /** Sum over replicas per bucket. */
  public SortedMap<UsageKey, Long> totals() {
    SortedMap<UsageKey, Long> totals = new TreeMap<>();
    replicas.values().forEach(counts -> counts.forEach((k, v) -> totals.merge(k, v, Long::sum)));
    return totals;
  }

  /**
   * Buckets to send now: non-zero, closed for at least {@code grace}, and neither settled nor
   * claimed by a live claim (a claim older than {@code claimTtl} is considered abandoned).
   */
  public List<UsageKey> due(Instant now, Duration grace, Duration claimTtl) {
    List<UsageKey> due = new ArrayList<>();
    totals()
        .forEach(
            (key, total) -> {
              if (total > 0
                  && !key.end().plus(grace).isAfter(now)
                  && claimable(key, now, claimTtl)) {
                due.add(key);
              }
            });
    return due;
  }

  /** Number of closed, non-zero buckets without a final settlement. */
  public int pending(Instant now) {
    int pending = 0;
    for (Map.Entry<UsageKey, Long> e : totals().entrySet()) {
      Settlement s = settlements.get(e.getKey());
      if (e.getValue() > 0
          && !e.getKey().end().isAfter(now)
          && (s == null || !s.state().isFinal())) {
        pending++;
      }
    }
    return pending;
  }

  /** Messages counted into already accepted buckets after they were sent (not billed). */
  public long lateMessages() {
    long late = 0;
    for (Map.Entry<UsageKey, Long> e : totals().entrySet()) {
      Settlement s = settlements.get(e.getKey());
      if (s != null && s.state() == Settlement.State.ACCEPTED && e.getValue() > s.quantity()) {
        late += e.getValue() - s.quantity();
      }
    }
    return late;
  }

  /**
   * Claims the given buckets for {@code owner} with their current totals; buckets that were settled
   * or claimed by someone else in the meantime are skipped.
   */
  public Ledger claim(Collection<UsageKey> keys, String owner, Instant now, Duration claimTtl) {
    SortedMap<UsageKey, Long> totals = totals();
    SortedMap<UsageKey, Settlement> s = new TreeMap<>(settlements);
    for (UsageKey key : keys) {
      long total = totals.getOrDefault(key, 0L);
      if (total > 0 && claimable(key, now, claimTtl)) {
        s.put(key, Settlement.sending(total, owner, now));
      }
    }
    return new Ledger(replicas, s);
  }

  /** Buckets currently claimed by {@code owner}, with the claimed quantity. */
  public SortedMap<UsageKey, Long> claimedBy(String owner) {
    SortedMap<UsageKey, Long> claimed = new TreeMap<>();
    settlements.forEach(
        (k, s) -> {
          if (s.state() == Settlement.State.SENDING && s.owner().equals(owner)) {
            claimed.put(k, s.quantity());
          }
        });
    return claimed;
  }

  /**
   * Records outcomes. A final settlement is never overwritten: the first final word on a bucket
   * stands (a second sender can only have received a 409 for it).
   */
  public Ledger settle(Map<UsageKey, Settlement> outcomes) {
    SortedMap<UsageKey, Settlement> s = new TreeMap<>(settlements);
    outcomes.forEach(
        (k, outcome) -> {
          Settlement current = s.get(k);
          if (current == null || !current.state().isFinal()) {
            s.put(k, outcome);
          }
        });
    return new Ledger(replicas, s);
  }

  /** Drops {@code owner}'s claims on the given buckets so they are retried later. */
  public Ledger release(Collection<UsageKey> keys, String owner) {
    SortedMap<UsageKey, Settlement> s = new TreeMap<>(settlements);
    for (UsageKey k : keys) {
      Settlement current = s.get(k);
      if (current != null
          && current.state() == Settlement.State.SENDING
          && current.owner().equals(owner)) {
        s.remove(k);
      }
    }
    return new Ledger(replicas, s);
  }

  /** Forgets every bucket whose hour starts before {@code cutoff} (beyond the API's window). */
  public Ledger prune(Instant cutoff) {
    SortedMap<String, SortedMap<UsageKey, Long>> r = new TreeMap<>();
    replicas.forEach(
        (id, counts) -> {
          SortedMap<UsageKey, Long> kept = new TreeMap<>();
          counts.forEach(
              (k, v) -> {
                if (!k.hour().isBefore(cutoff)) {
                  kept.put(k, v);
                }
              });
          if (!kept.isEmpty()) {
            r.put(id, kept);
          }
        });
    SortedMap<UsageKey, Settlement> s = new TreeMap<>();
    settlements.forEach(
        (k, v) -> {
          if (!k.hour().isBefore(cutoff)) {
            s.put(k, v);
          }
        });
    Ledger pruned = new Ledger(r, s);
    return pruned.equals(this) ? this : pruned;
  }

  private boolean claimable(UsageKey key, Instant now, Duration claimTtl) {
    Settlement s = settlements.get(key);
    return s == null
        || (s.state() == Settlement.State.SENDING && !s.at().plus(claimTtl).isAfter(now));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ledger l
        && replicas.equals(l.replicas)
        && settlements.equals(l.settlements);
  }

  @Override
  public int hashCode() {
    return Objects.hash(replicas, settlements);
  }

  @Override
  public String toString() {
    return "Ledger{replicas=" + replicas + ", settlements=" + settlements + "}";
  }
}
