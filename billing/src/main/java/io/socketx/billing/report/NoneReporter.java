package io.socketx.billing.report;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Provider {@code none}: counts are kept and logged, nothing is sent anywhere. */
public final class NoneReporter implements UsageReporter {
  private static final Logger LOG = LoggerFactory.getLogger(NoneReporter.class);

  @Override
  public List<UsageResult> report(List<UsageEvent> events) {
    for (UsageEvent e : events) {
      LOG.info("billing provider none: usage {} quantity {} (not sent)", e.key(), e.quantity());
    }
    return events.stream().map(e -> UsageResult.accepted(e, "none")).toList();
  }
}
