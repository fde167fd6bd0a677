package io.socketx.billing.report;

import java.util.List;

/** Sends usage events to a billing provider. */
public interface UsageReporter {

  /**
   * Reports the events and returns exactly one result per event. Never throws: failures are
   * returned as {@link UsageResult.Outcome#TRANSIENT} or {@link UsageResult.Outcome#REJECTED}.
   */
  List<UsageResult> report(List<UsageEvent> events);
}
