package io.socketx.billing.fakes;

import io.socketx.billing.MessageMeter;
import java.util.HashMap;
import java.util.Map;

/** Shared test settings and traffic helpers. */
public final class TestBilling {
  /** The Kubernetes extension id usage is reported against. */
  public static final String EXTENSION =
      "/subscriptions/s/resourceGroups/g/providers/Microsoft.KubernetesConfiguration/extensions/socketx";

  /** Bearer token the fake metering API expects. */
  public static final String TOKEN = "metering-token";

  private TestBilling() {}

  /** Environment of an Azure-billing replica pointed at {@code api}. */
  public static Map<String, String> env(FakeMeteringApi api, String coordination, String pod) {
    Map<String, String> env = new HashMap<>();
    env.put("BILLING_STRATEGY", "request_based");
    env.put("BILLING_PROVIDER", "azure");
    env.put("BILLING_PRODUCT", "socketx");
    env.put("BILLING_REPORT_INTERVAL", "15m");
    env.put("BILLING_PLAN_ID", "standard");
    env.put("AZURE_RESOURCE_ID", EXTENSION);
    env.put("BILLING_METERING_ENDPOINT", api.uri().toString());
    env.put("BILLING_HTTP_TIMEOUT", "500ms");
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
