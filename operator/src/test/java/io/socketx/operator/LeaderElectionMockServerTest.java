package io.socketx.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** With leader election on, the operator takes the Lease before it reconciles. */
@EnableKubernetesMockClient(crud = true)
class LeaderElectionMockServerTest {
  static KubernetesMockServer server;
  static KubernetesClient client;

  @Test
  void reconcilesOnlyAfterTakingTheLease() throws IOException {
    // the operator checks its Lease permissions first; the mock has no RBAC, so answer it
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(
            201,
            new SelfSubjectRulesReviewBuilder()
                .withNewStatus()
                .addNewResourceRule()
                .withApiGroups("coordination.k8s.io")
                .withResources("leases")
                .withVerbs("get", "create", "update")
                .endResourceRule()
                .withIncomplete(false)
                .endStatus()
                .build())
        .always();
    OperatorMockServerTest.loadCrds(client);
    OperatorConfig config =
        new OperatorConfig(
            "registry.test/socketx-proxy:test",
            Set.of(),
            "cluster.local",
            OperatorConfig.DEFAULT_COMPRESS_THRESHOLD,
            true,
            "socketx-operator",
            "operators",
            0,
            false);
    AtomicBoolean lostLeadership = new AtomicBoolean();
    LeadershipGuard leadership = new LeadershipGuard(() -> lostLeadership.set(true));
    Operator operator =
        SocketXOperator.create(
            client, config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), leadership);
    operator.start();
    try {
      Lease lease =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> client.leases().inNamespace("operators").withName("socketx-operator").get(),
                  l -> l != null && l.getSpec().getHolderIdentity() != null);
      assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo(15);

      client.resource(Fixtures.proxy("elected", "edge")).create();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  client
                      .resources(ConfigMap.class)
                      .inNamespace("elected")
                      .withName("edge-domain-map")
                      .get(),
              cm -> cm != null);
    } finally {
      leadership.stop(operator);
    }
    // stopping on shutdown is not a loss of leadership
    assertThat(lostLeadership).isFalse();
  }
}
