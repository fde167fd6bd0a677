package io.socketx.proxy.metering;

import io.micrometer.core.instrument.MeterRegistry;
import io.socketx.proxy.config.BillingConfig;
import java.util.Map;

/**
 * Plugs a billing meter into the proxy at start-up; implementations are found with {@link
 * java.util.ServiceLoader} (a {@code
 * META-INF/services/io.socketx.proxy.metering.MessageMeterProvider} entry in the billing module).
 */
public interface MessageMeterProvider {

  /** Whether this provider implements the configured strategy and provider. */
  boolean supports(BillingConfig billing);

  /**
   * Starts the meter (and whatever reports its counts) for the given settings; {@code env} is the
   * whole environment, for the provider's own variables.
   *
   * @throws io.socketx.proxy.config.ConfigException naming the variable when the provider's own
   *     settings are invalid
   */
  MessageMeter start(BillingConfig billing, Map<String, String> env, MeterRegistry registry)
      throws Exception;
}
