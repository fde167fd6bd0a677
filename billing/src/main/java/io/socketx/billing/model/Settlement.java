package io.socketx.billing.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What happened to one bucket: claimed for sending, or finally settled.
 *
 * @param state the state
 * @param quantity the quantity sent (or the accepted quantity for a discrepancy)
 * @param owner the claim token of the sender (only meaningful while {@link State#SENDING})
 * @param at when the state was recorded
 * @param detail usage event id, rejection reason or discrepancy description
 */
public record Settlement(State state, long quantity, String owner, Instant at, String detail) {

  /** Lifecycle of a bucket in the ledger. */
  public enum State {
    /** Claimed by a reporter that is sending it now; expires so a crashed sender is retried. */
    SENDING,
    /** Accepted by the API (or a 409 with the same quantity). Final. */
    ACCEPTED,
    /** A 409 answered with a different accepted quantity. Final; logged and counted. */
    DISCREPANCY,
    /** Permanently rejected (Expired, ResourceNotFound, ...). Final; logged and counted. */
    REJECTED;

    /** True for states that end the bucket's life. */
    public boolean isFinal() {
      return this != SENDING;
    }
  }

  public Settlement {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(at, "at");
    owner = owner == null ? "" : owner;
    detail = detail == null ? "" : detail;
  }

  /** A claim by {@code owner} for {@code quantity}. */
  public static Settlement sending(long quantity, String owner, Instant at) {
    return new Settlement(State.SENDING, quantity, owner, at, "");
  }

  /** A final state. */
  public static Settlement settled(State state, long quantity, Instant at, String detail) {
    return new Settlement(state, quantity, "", at, detail);
  }
}
