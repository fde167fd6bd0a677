package io.socketx.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.Operator;
import io.socketx.crd.SocketXProxy;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An API server that serves PodDisruptionBudgets only as policy/v1beta1 (Kubernetes 1.20): the
 * operator discovers that and follows replicas across 1.
 */
@EnableKubernetesMockClient(crud = true)
class LegacyPolicyApiMockServerTest {
  static KubernetesMockServer server;
  static KubernetesClient client;
  static Operator operator;

  @BeforeAll
  static void start() throws IOException {
    OperatorMockServerTest.servePdbApi(server, "policy/v1beta1");
    OperatorMockServerTest.loadCrds(client);
    operator =
        OperatorMockServerTest.startOperator(client, OperatorConfig.DEFAULT_COMPRESS_THRESHOLD);
  }

  @AfterAll
  static void stop() {
    operator.stop();
  }

  static PodDisruptionBudget pdb() {
    return client.resources(PodDisruptionBudget.class).inNamespace("legacy").withName("edge").get();
  }

  @Test
  void usesPolicyV1beta1AndFollowsReplicas() {
    SocketXProxy proxy = Fixtures.proxy("legacy", "edge");
    proxy.getSpec().setReplicas(3);
    client.resource(proxy).create();
    PodDisruptionBudget created =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(LegacyPolicyApiMockServerTest::pdb, p -> p != null);
    assertThat(created.getApiVersion()).isEqualTo("policy/v1beta1");
    assertThat(created.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(
            client
                .resources(io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class)
                .inNamespace("legacy")
                .withName("edge")
                .get())
        .isNull();

    // kubectl scale goes through the scale subresource, which sets spec.replicas
    client
        .resources(SocketXProxy.class)
        .inNamespace("legacy")
        .withName("edge")
        .patch(OperatorMockServerTest.MERGE, "{\"spec\":{\"replicas\":1}}");
    await().atMost(Duration.ofSeconds(60)).until(() -> pdb() == null);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                client
                    .apps()
                    .deployments()
                    .inNamespace("legacy")
                    .withName("edge")
                    .get()
                    .getSpec()
                    .getReplicas(),
            r -> r == 1);
  }
}
