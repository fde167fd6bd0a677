package io.socketx.billing.fakes;

import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import io.socketx.billing.MessageMeter;
import io.socketx.billing.azure.AzureHttp;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Shared test settings and traffic helpers. */
public final class TestBilling {
  /** The Kubernetes extension id usage is reported against. */
  public static final String EXTENSION =
      "/subscriptions/s/resourceGroups/g/providers/Microsoft.KubernetesConfiguration/extensions/socketx";

  /** Bearer token the fake metering API expects. */
  public static final String TOKEN = "metering-token";

  /**
   * A loopback fake answers when it answers: calls that are not about timeouts get one so long that
   * only a broken fake reaches it.
   */
  public static final Duration GENEROUS_TIMEOUT = Duration.ofSeconds(60);

  private TestBilling() {}

  /** Calls to the fakes: generous timeout, {@link #fastRetry(int) 2 fast retries}, test CA. */
  public static AzureHttp http() {
    return http(GENEROUS_TIMEOUT, 2);
  }

  /** Calls to the fakes with this timeout per attempt and {@code retries} fast retries. */
  public static AzureHttp http(Duration timeout, int retries) {
    return new AzureHttp(timeout, fastRetry(retries), LoopbackTls.client());
  }

  /** azure-core's exponential backoff with millisecond delays: tests wait no real backoff. */
  public static RetryOptions fastRetry(int retries) {
    return new RetryOptions(
        new ExponentialBackoffOptions()
            .setMaxRetries(retries)
            .setBaseDelay(Duration.ofMillis(1))
            .setMaxDelay(Duration.ofMillis(5)));
  }

  /**
   * Environment of an Azure-billing replica pointed at {@code api}; start it with {@code
   * .azureHttp(TestBilling.http())} so it trusts the fake's certificate.
   */
  public static Map<String, String> env(FakeMeteringApi api, String coordination, String pod) {
    Map<String, String> env = new HashMap<>();
    env.put("BILLING_STRATEGY", "request_based");
    env.put("BILLING_PROVIDER", "azure");
    env.put("BILLING_PRODUCT", "socketx");
    env.put("BILLING_REPORT_INTERVAL", "15m");
    env.put("BILLING_PLAN_ID", "standard");
    env.put("AZURE_RESOURCE_ID", EXTENSION);
    env.put("BILLING_METERING_ENDPOINT", api.uri().toString());
    env.put("BILLING_COORDINATION", coordination);
    env.put("POD_NAMESPACE", "socketx");
    env.put("POD_NAME", pod);
    return env;
  }

  /** Simulates proxied traffic: {@code encoded} + {@code decoded} messages. */
  public static void traffic(MessageMeter meter, int encoded, int decoded) {
    for (int i = 0; i < encoded; i++) {
      meter.encoded();
    }
    for (int i = 0; i < decoded; i++) {
      meter.decoded();
    }
  }
}
