package io.socketx.billing.report;

import io.socketx.billing.model.UsageKey;

/**
 * The API's answer for one event.
 *
 * @param key the bucket
 * @param outcome the classified answer
 * @param reason short, bounded reason (API status or error class) used as a metric tag
 * @param acceptedQuantity for {@link Outcome#DUPLICATE}: the quantity of the originally accepted
 *     event; otherwise the quantity sent
 * @param detail usage event id or error message for logs
 */
public record UsageResult(
    UsageKey key, Outcome outcome, String reason, double acceptedQuantity, String detail) {

  /** Classification of the answer. */
  public enum Outcome {
    /** Accepted now. */
    ACCEPTED,
    /** The hour was already accepted (409); compare {@link #acceptedQuantity()}. */
    DUPLICATE,
    /** Permanently rejected (Expired, ResourceNotFound, ...): never retried. */
    REJECTED,
    /** Transient failure (network, timeout, 429, 5xx, token): retried on a later cycle. */
    TRANSIENT
  }

  public static UsageResult accepted(UsageEvent e, String eventId) {
    return new UsageResult(e.key(), Outcome.ACCEPTED, "Accepted", e.quantity(), eventId);
  }

  public static UsageResult duplicate(UsageEvent e, double acceptedQuantity, String detail) {
    return new UsageResult(e.key(), Outcome.DUPLICATE, "Duplicate", acceptedQuantity, detail);
  }

  public static UsageResult rejected(UsageEvent e, String reason, String detail) {
    return new UsageResult(e.key(), Outcome.REJECTED, reason, e.quantity(), detail);
  }

  public static UsageResult transientFailure(UsageEvent e, String reason, String detail) {
    return new UsageResult(e.key(), Outcome.TRANSIENT, reason, e.quantity(), detail);
  }
}
