package io.socketx.proxy.metering;

import io.socketx.billing.BillingRuntime;

/** The proxy's hot-path meter backed by the billing module's counters. */
public final class BillingMeter implements MessageMeter {
  private final BillingRuntime runtime;
  private final io.socketx.billing.MessageMeter counter;

  public BillingMeter(BillingRuntime runtime) {
    this.runtime = runtime;
    this.counter = runtime.meter();
  }

  @Override
  public void encoded() {
    counter.encoded();
  }

  @Override
  public void decoded() {
    counter.decoded();
  }

  /** Final flush of this replica's counts; leaves the reporter election. */
  @Override
  public void close() {
    runtime.close();
  }
}
