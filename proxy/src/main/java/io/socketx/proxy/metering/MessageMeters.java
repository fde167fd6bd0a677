package io.socketx.proxy.metering;

import io.micrometer.core.instrument.MeterRegistry;
import io.socketx.proxy.config.BillingConfig;
import io.socketx.proxy.config.ConfigException;
import java.util.Map;
import java.util.ServiceLoader;

/** Chooses the {@link MessageMeter} for the billing settings at start-up. */
public final class MessageMeters {
  private MessageMeters() {}

  /**
   * {@link MessageMeter#NONE} when billing is off, else the first provider on the class path that
   * supports the settings.
   *
   * @throws ConfigException when billing is on but no provider supports it
   */
  public static MessageMeter forBilling(
      BillingConfig billing, Map<String, String> env, MeterRegistry registry) throws Exception {
    if (!billing.enabled()) {
      return MessageMeter.NONE;
    }
    for (MessageMeterProvider provider : ServiceLoader.load(MessageMeterProvider.class)) {
      if (provider.supports(billing)) {
        return provider.start(billing, env, registry);
      }
    }
    throw new ConfigException(
        "BILLING_PROVIDER",
        "no billing implementation for strategy '"
            + billing.strategy()
            + "' and provider '"
            + billing.provider()
            + "' is on the class path");
  }
}
