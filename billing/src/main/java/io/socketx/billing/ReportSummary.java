package io.socketx.billing;

/**
 * What one report cycle did (counts of usage events).
 *
 * @param leader whether this replica was the reporter
 * @param accepted accepted now
 * @param duplicates 409 with the same quantity (already accepted earlier; done)
 * @param discrepancies 409 with a different quantity
 * @param rejected permanently rejected (including hours that aged out before sending)
 * @param failed transient failures, retried on a later cycle
 * @param backedOff true when the cycle skipped sending because of backoff
 */
public record ReportSummary(
    boolean leader,
    int accepted,
    int duplicates,
    int discrepancies,
    int rejected,
    int failed,
    boolean backedOff) {

  static final ReportSummary NOT_LEADER = new ReportSummary(false, 0, 0, 0, 0, 0, false);
  static final ReportSummary BACKED_OFF = new ReportSummary(true, 0, 0, 0, 0, 0, true);
}
