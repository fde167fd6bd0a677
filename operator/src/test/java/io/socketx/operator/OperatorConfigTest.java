package io.socketx.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketx.operator.model.BillingIdentity;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperatorConfigTest {

  @Test
  void defaultsNeedOnlyTheLeaseNamespace() {
    OperatorConfig config = OperatorConfig.from(Map.of("POD_NAMESPACE", "socketx-system"));
    assertThat(config.proxyImage()).isEqualTo(OperatorConfig.DEFAULT_PROXY_IMAGE);
    assertThat(config.watchNamespaces()).isEmpty();
    assertThat(config.leaderElection()).isTrue();
    assertThat(config.leaseNamespace()).isEqualTo("socketx-system");
    assertThat(config.httpPort()).isEqualTo(8081);
    assertThat(config.serverSideApply()).isTrue();
    assertThat(config.apiServerHost()).as("outside a cluster").isNull();
  }

  @Test
  void readsTheApiServerAddressTheKubeletSets() {
    OperatorConfig config =
        OperatorConfig.from(Map.of("POD_NAMESPACE", "x", "KUBERNETES_SERVICE_HOST", " 192.0.2.1 "));
    assertThat(config.apiServerHost()).isEqualTo("192.0.2.1");
  }

  @Test
  void readsEverySetting() {
    OperatorConfig config =
        OperatorConfig.from(
            Map.of(
                "SOCKETX_PROXY_IMAGE", "mirror/proxy:9",
                "SOCKETX_WATCH_NAMESPACES", "a, b,,",
                "SOCKETX_CLUSTER_DOMAIN", "corp.local",
                "SOCKETX_CONFIGMAP_COMPRESS_THRESHOLD", "1024",
                "SOCKETX_LEADER_ELECTION", "false",
                "SOCKETX_LEASE_NAME", "lock",
                "SOCKETX_HTTP_PORT", "9090",
                "SOCKETX_SERVER_SIDE_APPLY", "false"));
    assertThat(config)
        .isEqualTo(
            new OperatorConfig(
                "mirror/proxy:9",
                Set.of("a", "b"),
                "corp.local",
                1024,
                false,
                "lock",
                null,
                9090,
                false));
  }

  @Test
  void readsTheMarketplaceIdentityForBillingProxies() {
    OperatorConfig config =
        OperatorConfig.from(
            Map.of(
                "POD_NAMESPACE", "x",
                "BILLING_PLAN_ID", "plan",
                "AZURE_CLIENT_ID", "client",
                "AZURE_RESOURCE_ID", "/subscriptions/s/extensions/e"));
    assertThat(config.billingIdentity())
        .isEqualTo(new BillingIdentity("plan", "client", "/subscriptions/s/extensions/e"));
    assertThat(OperatorConfig.from(Map.of("POD_NAMESPACE", "x")).billingIdentity())
        .isEqualTo(BillingIdentity.NONE);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "SOCKETX_HTTP_PORT, http",
    "SOCKETX_HTTP_PORT, 70000",
    "SOCKETX_CONFIGMAP_COMPRESS_THRESHOLD, 2000000",
    "SOCKETX_LEADER_ELECTION, yes",
  })
  void badValueNamesTheVariable(String name, String value) {
    assertThatThrownBy(() -> OperatorConfig.from(Map.of("POD_NAMESPACE", "x", name, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(name);
  }
}
