package io.socketx.proxy.metering;

import io.micrometer.core.instrument.MeterRegistry;
import io.socketx.billing.BillingRuntime;
import io.socketx.billing.config.BillingConfigException;
import io.socketx.proxy.config.BillingConfig;
import io.socketx.proxy.config.ConfigException;
import java.time.Clock;
import java.util.Map;

/**
 * {@code BILLING_STRATEGY=request_based} with {@code BILLING_PROVIDER=azure}: the billing module's
 * hourly counters, shared ledger and Marketplace reporter (see docs/billing.md).
 */
public final class MarketplaceMeterProvider implements MessageMeterProvider {

  @Override
  public boolean supports(BillingConfig billing) {
    return billing.enabled() && BillingConfig.PROVIDER_AZURE.equals(billing.provider());
  }

  @Override
  public MessageMeter start(BillingConfig billing, Map<String, String> env, MeterRegistry registry)
      throws ConfigException {
    BillingRuntime runtime;
    try {
      runtime =
          BillingRuntime.start(
              io.socketx.billing.config.BillingConfig.fromEnv(env), registry, Clock.systemUTC());
    } catch (BillingConfigException e) {
      throw new ConfigException(e.variable(), e.problem());
    }
    return new BillingMeter(runtime);
  }
}
