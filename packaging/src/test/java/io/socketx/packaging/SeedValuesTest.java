package io.socketx.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SocketX Server (seed) values file, unchanged, renders both the AKS extension chart and the
 * standalone chart with the seed's meaning of every key.
 */
class SeedValuesTest {

  static final Path SEED_VALUES =
      Repo.ROOT.resolve("packaging/src/test/resources/seed/values.yaml");

  private final Map<String, Object> seed = HelmRunner.readYaml(SEED_VALUES);

  @Test
  void seedValuesFileRendersTheAksChartWithTheSeedsMeaning() {
    Rendered rendered = HelmRunner.template(HelmRunner.aksChart(), seed);

    WorkloadConventions.assertAll(rendered);
    JsonNode proxy = rendered.single("SocketXProxy");
    CustomResourceSchemas.check(proxy);
    assertThat(proxy.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(proxy.at("/spec/logLevel").asText()).isEqualTo("info");
    assertThat(proxy.at("/spec/service/type").asText()).isEqualTo("ClusterIP");
    assertThat(proxy.at("/spec/service/port").asInt()).isEqualTo(8080);
    assertThat(proxy.at("/spec/defaultRoute/upstream/url").asText())
        .isEqualTo("ws://your-upstream-service");
    assertThat(proxy.at("/spec/billing/strategy").asText())
        .as("request_based without a Marketplace plan bills nothing")
        .isEqualTo("none");
  }

  @Test
  void seedBillingKeysReachTheProxyOnceAzureInjectsAPlan() {
    Map<String, Object> values = seedWithMarketplacePlan();
    values.put("billingProduct", "socketx-pro");
    values.put("billingReportInterval", "5m");

    JsonNode billing =
        HelmRunner.template(HelmRunner.aksChart(), values)
            .single("SocketXProxy")
            .at("/spec/billing");

    assertThat(billing.path("strategy").asText()).isEqualTo("request_based");
    assertThat(billing.path("provider").asText()).isEqualTo("azure");
    assertThat(billing.path("product").asText()).isEqualTo("socketx-pro");
    assertThat(billing.path("reportInterval").asText()).isEqualTo("5m");
  }

  @Test
  void seedBillingStrategyNoneIsAccepted() {
    Map<String, Object> values = seedWithMarketplacePlan();
    values.put("billingStrategy", "none");
    values.put("billingProvider", "");

    assertThat(
            HelmRunner.template(HelmRunner.aksChart(), values)
                .single("SocketXProxy")
                .at("/spec/billing/strategy")
                .asText())
        .isEqualTo("none");
  }

  @Test
  void requestBasedBillingWithoutTheAzureProviderFailsNamingTheKey() {
    Map<String, Object> values = new HashMap<>(seed);
    values.put("billingProvider", "");

    assertThat(HelmRunner.templateFailure(HelmRunner.aksChart(), values))
        .contains("billingProvider: must be azure when billingStrategy is request_based");
  }

  @Test
  void seedValuesFileRendersTheStandaloneChart() {
    JsonNode service = HelmRunner.template(Repo.SOCKETX_CHART, seed).single("Service");

    assertThat(service.at("/spec/type").asText()).isEqualTo("ClusterIP");
    assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(8080);
  }

  /** The seed's values plus the plan id Azure injects on a Marketplace install. */
  private Map<String, Object> seedWithMarketplacePlan() {
    Map<String, Object> values = new HashMap<>(seed);
    values.put("global", Map.of("azure", Map.of("marketplace", Map.of("planId", "payg"))));
    return values;
  }
}
