package io.socketx.billing.report;

import io.socketx.billing.model.UsageKey;

/**
 * One usage event to report: a bucket and its quantity.
 *
 * @param key hour and dimension
 * @param quantity number of messages
 */
public record UsageEvent(UsageKey key, long quantity) {}
