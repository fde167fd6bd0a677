package io.socketx.billing.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketx.contract.env.InvalidParameterException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BillingConfigTest {

  private static Map<String, String> azure() {
    Map<String, String> env = new HashMap<>();
    env.put("BILLING_STRATEGY", "request_based");
    env.put("BILLING_PROVIDER", "azure");
    env.put("BILLING_PLAN_ID", "standard");
    return env;
  }

  @Test
  void defaultsDisableBilling() {
    BillingConfig c = BillingConfig.fromEnv(Map.of());
    assertThat(c.enabled()).isFalse();
    assertThat(c.strategy()).isEqualTo(BillingStrategy.NONE);
    assertThat(c.provider()).isEqualTo(BillingProvider.NONE);
    assertThat(c.product()).isEqualTo("socketx");
    assertThat(c.reportInterval()).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.coordination()).isEqualTo(Coordination.LOCAL);
    assertThat(c.reportGrace()).isZero();
    assertThat(c.credential()).isEqualTo(AzureCredentialKind.DEFAULT);
    assertThat(c.imdsEndpoint()).isEqualTo(BillingConfig.IMDS_ENDPOINT.defaultValue());
    assertThat(c.meteringEndpoint()).isEqualTo(BillingConfig.METERING_ENDPOINT.defaultValue());
  }

  @Test
  void readsTheAzureMarketplaceSettings() {
    Map<String, String> env = azure();
    env.put("BILLING_PRODUCT", "socketx-pro");
    env.put("BILLING_REPORT_INTERVAL", "1m30s");
    env.put("AZURE_RESOURCE_ID", "/subscriptions/s/resourceGroups/g/providers/X/extensions/e");
    env.put("AZURE_CLIENT_ID", "11111111-2222-3333-4444-555555555555");
    env.put("BILLING_METERING_ENDPOINT", "https://127.0.0.1:8443/");
    env.put("BILLING_COORDINATION", "kubernetes");
    env.put("POD_NAME", "proxy-0");
    env.put("POD_NAMESPACE", "socketx");
    BillingConfig c = BillingConfig.fromEnv(env);
    assertThat(c.strategy()).isEqualTo(BillingStrategy.REQUEST_BASED);
    assertThat(c.provider()).isEqualTo(BillingProvider.AZURE);
    assertThat(c.product()).isEqualTo("socketx-pro");
    assertThat(c.reportInterval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.reportGrace()).isEqualTo(Duration.ofSeconds(150));
    assertThat(c.planId()).isEqualTo("standard");
    assertThat(c.meteringEndpoint()).isEqualTo(URI.create("https://127.0.0.1:8443"));
    assertThat(c.coordination()).isEqualTo(Coordination.KUBERNETES);
    assertThat(c.podName()).isEqualTo("proxy-0");
    assertThat(c.namespace()).isEqualTo("socketx");
    assertThat(c.describe()).contains("provider=azure", "plan=standard", "replica=proxy-0");
  }

  @Test
  void autoCoordinationPicksKubernetesInsideACluster() {
    Map<String, String> env = azure();
    env.put("KUBERNETES_SERVICE_HOST", "10.0.0.1");
    env.put("HOSTNAME", "proxy-7d9f-abcde");
    BillingConfig c = BillingConfig.fromEnv(env);
    assertThat(c.coordination()).isEqualTo(Coordination.KUBERNETES);
    assertThat(c.podName()).isEqualTo("proxy-7d9f-abcde");
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("BILLING_STRATEGY", "per_byte"),
        Arguments.of("BILLING_PROVIDER", "aws"),
        Arguments.of("BILLING_REPORT_INTERVAL", "15 minutes"),
        Arguments.of("BILLING_REPORT_INTERVAL", "0s"),
        Arguments.of("BILLING_REPORT_INTERVAL", "2h"),
        Arguments.of("BILLING_REPORT_GRACE", "7h"),
        Arguments.of("BILLING_PRODUCT", "has space"),
        Arguments.of("BILLING_PLAN_ID", "plan/1"),
        Arguments.of("AZURE_RESOURCE_ID", "/subscriptions/a b"),
        Arguments.of("BILLING_METERING_ENDPOINT", "ftp://127.0.0.1"),
        Arguments.of("BILLING_METERING_ENDPOINT", "http://127.0.0.1:8080"),
        Arguments.of("BILLING_ARM_ENDPOINT", "http://127.0.0.1:8080"),
        Arguments.of("BILLING_IMDS_ENDPOINT", "not a url"),
        Arguments.of("BILLING_HTTP_TIMEOUT", "-1s"),
        Arguments.of("BILLING_COORDINATION", "zookeeper"),
        Arguments.of("BILLING_AZURE_CREDENTIAL", "password"),
        Arguments.of("BILLING_STATE_CONFIGMAP", "Not_A_Name"),
        Arguments.of("POD_NAME", "UPPER"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badValues")
  void rejectsBadValueNamingTheVariable(String variable, String value) {
    Map<String, String> env = azure();
    env.put(variable, value);
    assertThatThrownBy(() -> BillingConfig.fromEnv(env))
        .isInstanceOfSatisfying(
            InvalidParameterException.class, e -> assertThat(e.variable()).isEqualTo(variable))
        .hasMessageStartingWith(variable + ": ");
  }

  @Test
  void requiresPlanIdForAzure() {
    Map<String, String> env = azure();
    env.remove("BILLING_PLAN_ID");
    assertThatThrownBy(() -> BillingConfig.fromEnv(env))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("BILLING_PLAN_ID:");
  }

  @Test
  void rejectsProviderWithoutStrategy() {
    assertThatThrownBy(() -> BillingConfig.fromEnv(Map.of("BILLING_PROVIDER", "azure")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("BILLING_PROVIDER:");
  }
}
