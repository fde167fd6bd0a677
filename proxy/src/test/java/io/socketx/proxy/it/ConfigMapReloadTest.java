package io.socketx.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.socketx.billing.MessageMeter;
import io.socketx.contract.domainmap.DomainMapDocument;
import io.socketx.contract.domainmap.DomainMapKeys;
import io.socketx.proxy.ProxyServer;
import io.socketx.proxy.config.ConfigLoader;
import io.socketx.proxy.metrics.ProxyMetrics;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Routes from the operator's ConfigMap through the Kubernetes API (fabric8 mock, CRUD mode). */
@EnableKubernetesMockClient(crud = true)
class ConfigMapReloadTest extends ProxyTestSupport {
  private static final Duration WAIT = CEILING;
  private static final String NS = "apps";
  private static final String NAME = "edge-domain-map";

  static KubernetesMockServer server;
  static KubernetesClient client;

  private ProxyServer proxy;

  @AfterEach
  void cleanUp() throws Exception {
    if (proxy != null) {
      proxy.shutdown(Duration.ZERO);
    }
    client.configMaps().inNamespace(NS).delete();
    client.leases().inNamespace(NS).delete();
  }

  private ProxyServer start(Map<String, String> extra) throws Exception {
    Map<String, String> env = env("{}");
    env.remove("DOMAIN_MAP");
    env.put("DOMAIN_MAP_CONFIGMAP_NAMESPACE", NS);
    env.put("DOMAIN_MAP_CONFIGMAP_NAME", NAME);
    env.put("ROUTE_DRAIN_PERIOD", "0s");
    env.putAll(extra);
    proxy =
        new ProxyServer(ConfigLoader.load(env), new ProxyMetrics(), MessageMeter.NOOP)
            .withKubernetesClient(server::createClient)
            .start();
    return proxy;
  }

  private void write(ConfigMap cm) {
    client.configMaps().inNamespace(NS).resource(cm).createOr(op -> op.update());
  }

  private static ConfigMap plain(String json) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withNamespace(NS)
        .endMetadata()
        .addToData("DOMAIN_MAP", json)
        .build();
  }

  private static ConfigMap gzipped(String json) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(json.getBytes(StandardCharsets.UTF_8));
    }
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withNamespace(NS)
        .endMetadata()
        .addToBinaryData("DOMAIN_MAP.gz", Base64.getEncoder().encodeToString(bytes.toByteArray()))
        .build();
  }

  private String servedHash() throws Exception {
    String body = admin(proxy, "/readyz").body();
    int i = body.indexOf("\"configHash\":\"");
    return i < 0 ? "" : body.substring(i + 14, i + 14 + 64);
  }

  @Test
  void followsThePlainKeyAndItsUpdates() throws Exception {
    TestUpstream a = upstream();
    TestUpstream b = upstream();
    String first = map(route("app.test", a.url("ws"), "*"));
    write(plain(first));
    start(Map.of());
    await().atMost(WAIT).until(() -> servedHash().equals(DomainMapDocument.hashOf(first)));
    assertThat(reaches(proxy, "app.test", a)).isTrue();

    String second = map(route("app.test", b.url("ws"), "*"));
    write(plain(second));

    await().atMost(WAIT).until(() -> servedHash().equals(DomainMapDocument.hashOf(second)));
    assertThat(reaches(proxy, "app.test", b)).isTrue();
  }

  @Test
  void readsTheGzipCompressedBinaryForm() throws Exception {
    TestUpstream a = upstream();
    String json = map(route("big.test", a.url("ws"), "*"));
    write(gzipped(json));

    start(Map.of());

    await().atMost(WAIT).until(() -> servedHash().equals(DomainMapDocument.hashOf(json)));
    assertThat(reaches(proxy, "big.test", a)).isTrue();
  }

  @Test
  void aDeletedConfigMapLeavesTheLastGoodRoutesInPlace() throws Exception {
    TestUpstream a = upstream();
    String json = map(route("app.test", a.url("ws"), "*"));
    write(plain(json));
    start(Map.of());
    await().atMost(WAIT).until(() -> servedHash().equals(DomainMapDocument.hashOf(json)));

    client.configMaps().inNamespace(NS).withName(NAME).delete();

    await()
        .during(Duration.ofMillis(500))
        .atMost(WAIT)
        .until(() -> admin(proxy, "/readyz").statusCode() == 200);
    assertThat(reaches(proxy, "app.test", a)).isTrue();
  }

  @Test
  void aMissingConfigMapMeansReadyWithNoRoutesUntilItAppears() throws Exception {
    start(Map.of());

    await().atMost(WAIT).until(() -> admin(proxy, "/readyz").statusCode() == 200);
    TestUpstream a = upstream();
    String json = map(route("late.test", a.url("ws"), "*"));
    write(plain(json));
    await().atMost(WAIT).until(() -> servedHash().equals(DomainMapDocument.hashOf(json)));
  }

  @Test
  void theHeartbeatLeaseCarriesTheServedHashAndGoesAwayAtShutdown() throws Exception {
    TestUpstream a = upstream();
    String first = map(route("app.test", a.url("ws"), "*"));
    write(plain(first));
    start(Map.of("POD_NAME", "edge-7d9f-x2", "SOCKETX_PROXY_NAME", "edge"));
    String lease = NAME + "-edge-7d9f-x2";

    await()
        .atMost(WAIT)
        .until(
            () -> hashOf(client.leases().inNamespace(NS).withName(lease).get()),
            DomainMapDocument.hashOf(first)::equals);
    Lease l = client.leases().inNamespace(NS).withName(lease).get();
    assertThat(l.getMetadata().getLabels())
        .containsEntry(DomainMapKeys.PROXY_LABEL, "edge")
        .containsEntry(DomainMapKeys.CONFIG_MAP_LABEL, NAME);
    assertThat(l.getSpec().getHolderIdentity()).isEqualTo("edge-7d9f-x2");

    String second = map(route("other.test", a.url("ws"), "*"));
    write(plain(second));
    await()
        .atMost(WAIT)
        .until(
            () -> hashOf(client.leases().inNamespace(NS).withName(lease).get()),
            DomainMapDocument.hashOf(second)::equals);

    proxy.shutdown(Duration.ZERO);
    proxy = null;
    assertThat(client.leases().inNamespace(NS).withName(lease).get()).isNull();
  }

  private static String hashOf(Lease lease) {
    return lease == null
        ? ""
        : lease
            .getMetadata()
            .getAnnotations()
            .getOrDefault(DomainMapKeys.CONFIG_HASH_ANNOTATION, "");
  }
}
