package io.socketx.proxy.metering;

/**
 * Counts billable messages on the hot path: one call per successful PROXY_DATA encode or decode,
 * never for handshake records. Implementations must be cheap and thread-safe.
 */
public interface MessageMeter extends AutoCloseable {

  /** A meter that counts nothing ({@code BILLING_STRATEGY=none}). */
  MessageMeter NONE = new MessageMeter() {};

  /** A PROXY_DATA record was encoded for a client. */
  default void encoded() {}

  /** A PROXY_DATA record from a client was decoded and authenticated. */
  default void decoded() {}

  /** Flushes what was counted; called once at shutdown, after the last connection closed. */
  @Override
  default void close() {}
}
