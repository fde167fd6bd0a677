package io.socketx.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.socketx.contract.domainmap.DomainMapParser;
import io.socketx.contract.env.ProxyEnv;
import io.socketx.crd.GrantFrom;
import io.socketx.crd.GrantTo;
import io.socketx.crd.ProxyServiceSpec;
import io.socketx.crd.ProxyTimeouts;
import io.socketx.crd.ServiceType;
import io.socketx.crd.SocketXProxy;
import io.socketx.crd.SocketXRoute;
import io.socketx.crd.SocketXRouteGrant;
import io.socketx.crd.SocketXRouteGrantSpec;
import io.socketx.operator.model.BillingIdentity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the operator against the fabric8 mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class OperatorMockServerTest {
  static KubernetesMockServer server;
  static KubernetesClient client;
  static Operator operator;

  static final int COMPRESS_THRESHOLD = 4096;
  static final ObjectMapper JSON = new ObjectMapper();

  /** A merge patch carries no resourceVersion, so it never conflicts with the operator's writes. */
  static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

  @BeforeAll
  static void startOperator() throws IOException {
    servePdbApi(server, "policy/v1");
    loadCrds(client);
    operator = startOperator(client, COMPRESS_THRESHOLD);
  }

  /** Makes the mock's discovery say it serves PodDisruptionBudgets in {@code groupVersion}. */
  static void servePdbApi(KubernetesMockServer server, String groupVersion) {
    server
        .expect()
        .get()
        .withPath("/apis/" + groupVersion)
        .andReturn(
            200,
            new APIResourceListBuilder()
                .withGroupVersion(groupVersion)
                .withResources(
                    new APIResourceBuilder()
                        .withName("poddisruptionbudgets")
                        .withKind("PodDisruptionBudget")
                        .withNamespaced(true)
                        .build())
                .build())
        .always();
  }

  static void loadCrds(KubernetesClient client) throws IOException {
    for (String crd :
        List.of(
            "socketxproxies.socketx.io",
            "socketxroutes.socketx.io",
            "socketxroutegrants.socketx.io")) {
      try (InputStream in =
          OperatorMockServerTest.class
              .getClassLoader()
              .getResourceAsStream("META-INF/fabric8/" + crd + "-v1.yml")) {
        client.apiextensions().v1().customResourceDefinitions().load(in).create();
      }
    }
  }

  /**
   * The API server's ClusterIP the operator is told (its KUBERNETES_SERVICE_HOST): a documentation
   * address (RFC 5737) that nothing dials.
   */
  static final String API_SERVER = "192.0.2.1";

  static Operator startOperator(KubernetesClient client, int compressThreshold) {
    OperatorConfig config =
        new OperatorConfig(
            "registry.test/socketx-proxy:test",
            Set.of(),
            "cluster.local",
            compressThreshold,
            false,
            "socketx-operator",
            "default",
            0,
            false,
            BillingIdentity.NONE,
            API_SERVER);
    Operator operator =
        SocketXOperator.create(
            client, config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    operator.start();
    return operator;
  }

  @AfterAll
  static void stopOperator() {
    operator.stop();
  }

  static <T extends HasMetadata> T awaitResource(Class<T> type, String namespace, String name) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> client.resources(type).inNamespace(namespace).withName(name).get(),
            r -> r != null);
  }

  static SocketXRoute awaitRouteCondition(
      String namespace, String name, String type, String status, String reason) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> client.resources(SocketXRoute.class).inNamespace(namespace).withName(name).get(),
            r ->
                condition(
                        r == null
                            ? null
                            : r.getStatus() == null ? null : r.getStatus().getConditions(),
                        type)
                    .filter(c -> c.getStatus().equals(status) && c.getReason().equals(reason))
                    .isPresent());
  }

  static Optional<Condition> condition(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> c.getType().equals(type)).findFirst();
  }

  static JsonNode domainMap(String namespace, String proxy) throws IOException {
    ConfigMap cm = client.configMaps().inNamespace(namespace).withName(proxy + "-domain-map").get();
    if (cm == null) {
      return null;
    }
    if (cm.getData() != null && cm.getData().containsKey("DOMAIN_MAP")) {
      return JSON.readTree(cm.getData().get("DOMAIN_MAP"));
    }
    byte[] gz = Base64.getDecoder().decode(cm.getBinaryData().get("DOMAIN_MAP.gz"));
    try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  static void awaitDomainMap(
      String namespace, String proxy, java.util.function.Predicate<JsonNode> check) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> domainMap(namespace, proxy), m -> m != null && check.test(m));
  }

  static Map<String, String> env(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  @Test
  void timeoutsTheProxyParsesAreWrittenAndOnesItRefusesAreInvalidSpecWithTheLastGoodDeployment() {
    String ns = "timeouts";
    SocketXProxy proxy = Fixtures.proxy(ns, "edge");
    ProxyTimeouts timeouts = new ProxyTimeouts();
    timeouts.setClientPingInterval("1.5s");
    proxy.getSpec().setTimeouts(timeouts);
    client.resource(proxy).create();
    Deployment good = awaitResource(Deployment.class, ns, "edge");
    assertThat(env(good)).containsEntry("CLIENT_PING_INTERVAL", "1.5s");
    // the value the operator wrote is one the proxy starts with
    assertThat(ProxyEnv.CLIENT_PING_INTERVAL.read(env(good))).isEqualTo(Duration.ofMillis(1500));

    for (String[] bad : new String[][] {{"writeTimeout", "2h"}, {"clientPongTimeout", "500us"}}) {
      client
          .resources(SocketXProxy.class)
          .inNamespace(ns)
          .withName("edge")
          .patch(
              MERGE,
              "{\"spec\":{\"timeouts\":{\"writeTimeout\":null,\"clientPongTimeout\":null,\""
                  + bad[0]
                  + "\":\""
                  + bad[1]
                  + "\"}}}");
      String field = "spec.timeouts." + bad[0] + "=" + bad[1];
      SocketXProxy invalid = awaitProxyCondition(ns, "edge", "Ready", "False", "InvalidSpec");
      assertThat(condition(invalid.getStatus().getConditions(), "Ready").orElseThrow().getMessage())
          .contains(field);
      assertThat(condition(invalid.getStatus().getConditions(), "Stalled"))
          .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
      assertThat(invalid.getStatus().getObservedGeneration())
          .isEqualTo(invalid.getMetadata().getGeneration());
      Deployment kept = client.apps().deployments().inNamespace(ns).withName("edge").get();
      assertThat(Serialization.asJson(kept.getSpec().getTemplate()))
          .isEqualTo(Serialization.asJson(good.getSpec().getTemplate()));
      assertThat(client.configMaps().inNamespace(ns).withName("edge-domain-map").get()).isNotNull();
    }

    client
        .resources(SocketXProxy.class)
        .inNamespace(ns)
        .withName("edge")
        .patch(
            MERGE,
            "{\"spec\":{\"timeouts\":{\"clientPongTimeout\":null,\"writeTimeout\":\"30m\"}}}");
    Deployment fixed =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> client.apps().deployments().inNamespace(ns).withName("edge").get(),
                d -> "30m".equals(env(d).get("WRITE_TIMEOUT")));
    assertThat(ProxyEnv.WRITE_TIMEOUT.read(env(fixed))).isEqualTo(Duration.ofMinutes(30));
    awaitProxyCondition(ns, "edge", "Stalled", "False", "SpecValid");
  }

  @Test
  void aSpecBreakingACrossFieldRuleIsInvalidSpecWhereTheApiServerDoesNotEvaluateCel() {
    // the mock API server, like 1.20–1.24, admits what the CRD's CEL rule would refuse
    String ns = "crossfield";
    SocketXProxy proxy = Fixtures.proxy(ns, "edge");
    ProxyServiceSpec service = new ProxyServiceSpec();
    service.setType(ServiceType.CLUSTER_IP);
    service.setNodePort(30080);
    proxy.getSpec().setService(service);
    client.resource(proxy).create();

    SocketXProxy invalid = awaitProxyCondition(ns, "edge", "Ready", "False", "InvalidSpec");
    assertThat(condition(invalid.getStatus().getConditions(), "Ready").orElseThrow().getMessage())
        .contains("spec.service=type=ClusterIP, nodePort=30080")
        .contains("nodePort requires type NodePort or LoadBalancer");
    assertThat(client.apps().deployments().inNamespace(ns).withName("edge").get()).isNull();
  }

  @Test
  void upstreamsWithAQueryAreNotAcceptedAndNeverEnterTheDomainMap() throws Exception {
    String ns = "queries";
    client.resource(Fixtures.proxy(ns, "edge")).create();
    client.resource(Fixtures.route(ns, "ok", "edge", "ws://ok:8080", "ok.example.com")).create();
    client
        .resource(Fixtures.route(ns, "url", "edge", "wss://host/ws?tenant=a", "url.example.com"))
        .create();
    var service = Fixtures.route(ns, "svc", "edge", null, "svc.example.com");
    service.getSpec().setUpstream(Fixtures.service("chat", 9000, "/ws?tenant=a"));
    client.resource(service).create();

    for (String name : List.of("url", "svc")) {
      SocketXRoute rejected = awaitRouteCondition(ns, name, "Accepted", "False", "InvalidUpstream");
      String message =
          condition(rejected.getStatus().getConditions(), "Accepted").orElseThrow().getMessage();
      assertThat(message).contains("upstream").doesNotContain("tenant=a");
    }
    awaitRouteCondition(ns, "ok", "Accepted", "True", "Accepted");
    awaitDomainMap(ns, "edge", m -> m.has("ok.example.com"));
    JsonNode map = domainMap(ns, "edge");
    assertThat(map.has("url.example.com")).isFalse();
    assertThat(map.has("svc.example.com")).isFalse();
    // the proxy takes the whole document: no route can freeze the others
    assertThat(DomainMapParser.parse(map.toString()).size()).isEqualTo(1);
  }

  static SocketXProxy awaitProxyCondition(
      String namespace, String name, String type, String status, String reason) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> client.resources(SocketXProxy.class).inNamespace(namespace).withName(name).get(),
            p ->
                p != null
                    && p.getStatus() != null
                    && condition(p.getStatus().getConditions(), type)
                        .filter(c -> c.getStatus().equals(status) && c.getReason().equals(reason))
                        .isPresent());
  }

  @Test
  void createdProxyGetsAllDependentsWithOwnerReferences() {
    String ns = "create";
    SocketXProxy proxy = Fixtures.proxy(ns, "edge");
    proxy.getSpec().setReplicas(2);
    proxy.getSpec().setKyberStrength(768);
    proxy.getSpec().setLogLevel(io.socketx.crd.LogLevel.DEBUG);
    SocketXProxy created = client.resource(proxy).create();

    ConfigMap cm = awaitResource(ConfigMap.class, ns, "edge-domain-map");
    Deployment deployment = awaitResource(Deployment.class, ns, "edge");
    Service service = awaitResource(Service.class, ns, "edge");
    ServiceAccount sa = awaitResource(ServiceAccount.class, ns, "edge");
    Role role = awaitResource(Role.class, ns, "edge");
    RoleBinding binding = awaitResource(RoleBinding.class, ns, "edge");
    PodDisruptionBudget pdb = awaitResource(PodDisruptionBudget.class, ns, "edge");

    assertThat(cm.getData()).containsEntry("DOMAIN_MAP", "{}");
    Map<String, String> env = env(deployment);
    assertThat(env)
        .containsEntry("DOMAIN_MAP_CONFIGMAP_NAME", "edge-domain-map")
        .containsEntry("DOMAIN_MAP_CONFIGMAP_NAMESPACE", ns)
        .containsEntry("LISTEN_PORT", "8080")
        .containsEntry("MTE_KYBER_STRENGTH", "768")
        .containsEntry("LOG_LEVEL", "debug")
        .doesNotContainKey("DOMAIN_MAP");
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("registry.test/socketx-proxy:test");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getLivenessProbe().getTcpSocket()).isNotNull();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("edge");
    assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(8080);
    assertThat(role.getRules().get(0).getResourceNames()).containsExactly("edge-domain-map");
    assertThat(role.getRules().get(0).getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
    assertThat(binding.getSubjects().get(0).getName()).isEqualTo(sa.getMetadata().getName());
    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    for (HasMetadata owned : List.of(cm, deployment, service, sa, role, binding, pdb)) {
      assertThat(owned.getMetadata().getOwnerReferences())
          .as(owned.getKind())
          .singleElement()
          .satisfies(o -> assertThat(o.getUid()).isEqualTo(created.getMetadata().getUid()));
    }

    SocketXProxy withStatus =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> client.resources(SocketXProxy.class).inNamespace(ns).withName("edge").get(),
                p -> p.getStatus() != null && p.getStatus().getConditions() != null);
    assertThat(withStatus.getStatus().getConfigMapName()).isEqualTo("edge-domain-map");
    assertThat(withStatus.getStatus().getSelector())
        .isEqualTo("app.kubernetes.io/instance=edge,app.kubernetes.io/name=socketx-proxy");
    assertThat(condition(withStatus.getStatus().getConditions(), "RoutesResolved"))
        .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
    assertThat(condition(withStatus.getStatus().getConditions(), "Ready"))
        .hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("DeploymentNotReady"));

    client
        .resources(SocketXProxy.class)
        .inNamespace(ns)
        .withName("edge")
        .patch(MERGE, "{\"spec\":{\"replicas\":1}}");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                client.resources(PodDisruptionBudget.class).inNamespace(ns).withName("edge").get()
                    == null);
  }

  @Test
  void routeChangesFollowIntoConfigMapWithoutTouchingThePodTemplate() {
    String ns = "routes";
    client.resource(Fixtures.proxy(ns, "edge")).create();
    Deployment before = awaitResource(Deployment.class, ns, "edge");

    client
        .resource(Fixtures.route(ns, "chat", "edge", "ws://chat:8080", "chat.example.com"))
        .create();
    awaitDomainMap(
        ns,
        "edge",
        m -> m.path("chat.example.com").path("upstream").asText().equals("ws://chat:8080"));
    awaitRouteCondition(ns, "chat", "Accepted", "True", "Accepted");

    client
        .resources(SocketXRoute.class)
        .inNamespace(ns)
        .withName("chat")
        .patch(MERGE, "{\"spec\":{\"upstream\":{\"url\":\"wss://chat-v2:8443/ws\"}}}");
    awaitDomainMap(
        ns,
        "edge",
        m -> m.path("chat.example.com").path("upstream").asText().equals("wss://chat-v2:8443/ws"));

    var second = Fixtures.route(ns, "feed", "edge", null, "feed.example.com", "*.feed.example.com");
    second.getSpec().setUpstream(Fixtures.service("feed", 9000, "/live"));
    client.resource(second).create();
    awaitDomainMap(
        ns,
        "edge",
        m ->
            m.path("*.feed.example.com")
                .path("upstream")
                .asText()
                .equals("ws://feed.routes.svc.cluster.local:9000/live"));

    client.resources(SocketXRoute.class).inNamespace(ns).withName("chat").delete();
    awaitDomainMap(ns, "edge", m -> !m.has("chat.example.com") && m.has("feed.example.com"));

    Deployment after = client.apps().deployments().inNamespace(ns).withName("edge").get();
    assertThat(Serialization.asJson(after.getSpec().getTemplate()))
        .isEqualTo(Serialization.asJson(before.getSpec().getTemplate()));
    assertThat(after.getMetadata().getGeneration()).isEqualTo(before.getMetadata().getGeneration());
    SocketXProxy proxy =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> client.resources(SocketXProxy.class).inNamespace(ns).withName("edge").get(),
                p -> p.getStatus() != null && Integer.valueOf(1).equals(p.getStatus().getRoutes()));
    assertThat(proxy.getStatus().getConfigHash()).hasSize(64);
  }

  @Test
  void olderRouteKeepsAConflictingHostAndTheNewerOneReportsHostConflict() {
    String ns = "conflict";
    client.resource(Fixtures.proxy(ns, "edge")).create();
    client
        .resource(Fixtures.route(ns, "first", "edge", "ws://first:80", "shared.example.com"))
        .create();
    awaitRouteCondition(ns, "first", "Accepted", "True", "Accepted");
    client
        .resource(
            Fixtures.route(
                ns, "second", "edge", "ws://second:80", "shared.example.com", "own.example.com"))
        .create();

    SocketXRoute loser = awaitRouteCondition(ns, "second", "Accepted", "False", "HostConflict");
    assertThat(condition(loser.getStatus().getConditions(), "Accepted").orElseThrow().getMessage())
        .contains("shared.example.com")
        .contains("SocketXRoute conflict/first");
    awaitDomainMap(
        ns,
        "edge",
        m -> m.path("shared.example.com").path("upstream").asText().equals("ws://first:80"));
    assertThat(domainMapUnchecked(ns)).doesNotContainKey("own.example.com");
    awaitEvent(
        ns,
        e ->
            "HostConflict".equals(e.getReason())
                && "second".equals(e.getInvolvedObject().getName()));

    // the winner goes away: the loser takes over without being touched
    client.resources(SocketXRoute.class).inNamespace(ns).withName("first").delete();
    awaitRouteCondition(ns, "second", "Accepted", "True", "Accepted");
    awaitDomainMap(
        ns,
        "edge",
        m -> m.path("shared.example.com").path("upstream").asText().equals("ws://second:80"));
  }

  static Map<String, Object> domainMapUnchecked(String ns) {
    try {
      return JSON.convertValue(domainMap(ns, "edge"), new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void routesReportProxyNotFoundWhenTheirProxyIsDeleted() {
    String ns = "deleted";
    client.resource(Fixtures.proxy(ns, "edge")).create();
    client
        .resource(Fixtures.route(ns, "chat", "edge", "ws://chat:80", "chat.example.com"))
        .create();
    awaitRouteCondition(ns, "chat", "Accepted", "True", "Accepted");

    client.resources(SocketXProxy.class).inNamespace(ns).withName("edge").delete();
    SocketXRoute route = awaitRouteCondition(ns, "chat", "Accepted", "False", "ProxyNotFound");
    assertThat(
            condition(route.getStatus().getConditions(), "ResolvedRefs").orElseThrow().getStatus())
        .isEqualTo("False");
  }

  @Test
  void routeMovingToAnotherProxyLeavesTheOldOne() {
    String ns = "move";
    client.resource(Fixtures.proxy(ns, "old")).create();
    client.resource(Fixtures.proxy(ns, "new")).create();
    client.resource(Fixtures.route(ns, "chat", "old", "ws://chat:80", "chat.example.com")).create();
    awaitDomainMap(ns, "old", m -> m.has("chat.example.com"));
    awaitRouteCondition(ns, "chat", "Accepted", "True", "Accepted");

    client
        .resources(SocketXRoute.class)
        .inNamespace(ns)
        .withName("chat")
        .patch(MERGE, "{\"spec\":{\"proxyRef\":{\"name\":\"new\"}}}");
    awaitDomainMap(ns, "new", m -> m.has("chat.example.com"));
    awaitDomainMap(ns, "old", m -> !m.has("chat.example.com"));
  }

  @Test
  void routeFromAnotherNamespaceIsNotAllowedByDefault() {
    client.resource(Fixtures.proxy("owner", "edge")).create();
    var route = Fixtures.route("tenant", "chat", "edge", "ws://chat:80", "chat.example.com");
    route.getSpec().getProxyRef().setNamespace("owner");
    client.resource(route).create();
    awaitRouteCondition("tenant", "chat", "Accepted", "False", "NotAllowedByProxy");
  }

  @Test
  void largeDomainMapIsWrittenCompressedAndUnchangedContentIsNotRewritten() throws IOException {
    String ns = "large";
    client.resource(Fixtures.proxy(ns, "edge")).create();
    IntStream.range(0, 60)
        .forEach(
            i ->
                client
                    .resource(
                        Fixtures.route(
                            ns,
                            "r" + i,
                            "edge",
                            "wss://backend-" + i + ".example.internal:8443/socket",
                            "host-" + i + ".example.com"))
                    .create());
    awaitDomainMap(ns, "edge", m -> m.size() == 60);
    ConfigMap cm = client.configMaps().inNamespace(ns).withName("edge-domain-map").get();
    assertThat(cm.getData()).isNullOrEmpty();
    assertThat(cm.getBinaryData()).containsKey("DOMAIN_MAP.gz");
    SocketXProxy proxy =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> client.resources(SocketXProxy.class).inNamespace(ns).withName("edge").get(),
                p ->
                    p.getStatus() != null && Integer.valueOf(60).equals(p.getStatus().getRoutes()));
    assertThat(proxy.getStatus().getConfigCompressed()).isTrue();
    assertThat(proxy.getStatus().getConfigBytes()).isGreaterThan(COMPRESS_THRESHOLD);

    // a route whose outcome changes but whose content never reaches the map: no ConfigMap write
    String version = cm.getMetadata().getResourceVersion();
    var outsider = Fixtures.route(ns, "outsider", "edge", "ws://x:80", "host-0.example.com");
    client.resource(outsider).create();
    awaitRouteCondition(ns, "outsider", "Accepted", "False", "HostConflict");
    String hashWithOutsider =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    client
                        .resources(SocketXProxy.class)
                        .inNamespace(ns)
                        .withName("edge")
                        .get()
                        .getStatus()
                        .getRouteStatusHash(),
                h -> !h.equals(proxy.getStatus().getRouteStatusHash()));
    assertThat(hashWithOutsider).isNotNull();
    assertThat(
            client
                .configMaps()
                .inNamespace(ns)
                .withName("edge-domain-map")
                .get()
                .getMetadata()
                .getResourceVersion())
        .isEqualTo(version);
  }

  @Test
  void labellingARouteIntoTheProxysSelectorGetsItAccepted() {
    String ns = "labels";
    SocketXProxy proxy = Fixtures.proxy(ns, "edge");
    var allowed = new io.socketx.crd.AllowedRoutes();
    allowed.setSelector(
        new io.fabric8.kubernetes.api.model.LabelSelectorBuilder()
            .addToMatchLabels("socketx.io/expose", "true")
            .build());
    proxy.getSpec().setAllowedRoutes(allowed);
    client.resource(proxy).create();
    client
        .resource(Fixtures.route(ns, "chat", "edge", "ws://chat:80", "chat.example.com"))
        .create();
    awaitRouteCondition(ns, "chat", "Accepted", "False", "NotAllowedByProxy");

    // labels do not change the generation: the proxy must still notice
    client
        .resources(SocketXRoute.class)
        .inNamespace(ns)
        .withName("chat")
        .patch(MERGE, "{\"metadata\":{\"labels\":{\"socketx.io/expose\":\"true\"}}}");
    awaitDomainMap(ns, "edge", m -> m.has("chat.example.com"));
    awaitRouteCondition(ns, "chat", "Accepted", "True", "Accepted");
  }

  @Test
  void invalidDefaultRouteIsReportedWhileOtherRoutesStillServe() {
    String ns = "badfallback";
    SocketXProxy proxy = Fixtures.proxy(ns, "edge");
    var fallback = new io.socketx.crd.DefaultRoute();
    fallback.setUpstream(Fixtures.url("http://not-a-websocket"));
    fallback.setAllowedOrigins(List.of("*"));
    proxy.getSpec().setDefaultRoute(fallback);
    client.resource(proxy).create();
    client
        .resource(Fixtures.route(ns, "chat", "edge", "ws://chat:80", "chat.example.com"))
        .create();

    awaitDomainMap(ns, "edge", m -> m.has("chat.example.com") && !m.has("*"));
    SocketXProxy reported =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> client.resources(SocketXProxy.class).inNamespace(ns).withName("edge").get(),
                p ->
                    p.getStatus() != null
                        && condition(p.getStatus().getConditions(), "RoutesResolved")
                            .filter(c -> c.getReason().equals("InvalidSpec"))
                            .isPresent());
    assertThat(
            condition(reported.getStatus().getConditions(), "RoutesResolved")
                .orElseThrow()
                .getMessage())
        .contains("defaultRoute");
    awaitEvent(
        ns,
        e ->
            "InvalidSpec".equals(e.getReason())
                && "SocketXProxy".equals(e.getInvolvedObject().getKind()));
  }

  @Test
  void programmedFollowsTheInstancesHeartbeatLeases() {
    String ns = "programmed";
    client.resource(Fixtures.proxy(ns, "edge")).create();
    awaitResource(ConfigMap.class, ns, "edge-domain-map");
    awaitProgrammed(ns, c -> c.getReason().equals("NoInstances"));
    String hash = proxyStatus(ns, "edge").getConfigHash();

    client.resource(heartbeat(ns, "edge", "pod-a", "0".repeat(64))).create();
    awaitProgrammed(ns, c -> c.getReason().equals("Pending") && c.getStatus().equals("False"));

    client.resource(heartbeat(ns, "edge", "pod-a", hash)).update();
    awaitProgrammed(ns, c -> c.getStatus().equals("True"));
  }

  @Test
  void theProxyRoleNamesEachHeartbeatLeaseOnceItExistsAndNoLongerAfterwards() {
    String ns = "heartbeat-rbac";
    client.resource(Fixtures.proxy(ns, "edge")).create();
    awaitResource(ConfigMap.class, ns, "edge-domain-map");
    client.resource(heartbeat(ns, "edge", "pod-a", "0".repeat(64))).create();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> leaseNamesInRole(ns), names -> names.contains("edge-domain-map-pod-a"));

    client.leases().inNamespace(ns).withName("edge-domain-map-pod-a").delete();
    await().atMost(Duration.ofSeconds(60)).until(() -> leaseNamesInRole(ns), List::isEmpty);
  }

  static List<String> leaseNamesInRole(String ns) {
    Role role = client.rbac().roles().inNamespace(ns).withName("edge").get();
    return role == null
        ? List.of("(no role yet)")
        : role.getRules().stream()
            .filter(r -> r.getResources().contains("leases"))
            .flatMap(r -> r.getResourceNames().stream())
            .toList();
  }

  @Test
  void aCrossNamespaceRouteIsAcceptedWhileAGrantAdmitsItAndOnlyThen() {
    client.resource(Fixtures.proxyAcceptingAllNamespaces("grant-infra", "edge")).create();
    var route =
        Fixtures.route(
            "grant-a", "chat", "edge", "ws://chat.grant-b.svc.cluster.local:80/", "g.example.com");
    route.getSpec().getProxyRef().setNamespace("grant-infra");
    client.resource(route).create();
    awaitRouteCondition("grant-a", "chat", "Accepted", "False", "RefNotPermitted");
    awaitRouteCondition("grant-a", "chat", "ResolvedRefs", "False", "RefNotPermitted");

    SocketXRouteGrant grant = new SocketXRouteGrant();
    grant.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withNamespace("grant-b")
            .withName("from-grant-a")
            .build());
    SocketXRouteGrantSpec spec = new SocketXRouteGrantSpec();
    spec.setFrom(List.of(new GrantFrom("grant-a")));
    spec.setTo(List.of(new GrantTo("chat")));
    grant.setSpec(spec);
    client.resource(grant).create();
    awaitRouteCondition("grant-a", "chat", "Accepted", "True", "Accepted");
    awaitDomainMap("grant-infra", "edge", m -> m.has("g.example.com"));

    client.resource(grant).delete();
    awaitRouteCondition("grant-a", "chat", "Accepted", "False", "RefNotPermitted");
    awaitDomainMap("grant-infra", "edge", m -> !m.has("g.example.com"));
  }

  @Test
  void aRouteToTheMetadataServiceIsForbiddenAndTheProxyIsToldTheRules() {
    String ns = "forbidden";
    client.resource(Fixtures.proxy(ns, "edge")).create();
    client
        .resource(Fixtures.route(ns, "meta", "edge", "ws://169.254.10.20/", "m.example.com"))
        .create();
    client.resource(Fixtures.route(ns, "ok", "edge", "ws://ok:80", "ok.example.com")).create();
    SocketXRoute refused =
        awaitRouteCondition(ns, "meta", "Accepted", "False", "UpstreamForbidden");
    assertThat(
            condition(refused.getStatus().getConditions(), "Accepted").orElseThrow().getMessage())
        .contains("169.254.10.20")
        .contains("169.254.0.0/16");
    awaitDomainMap(ns, "edge", m -> m.has("ok.example.com") && !m.has("m.example.com"));
    assertThat(env(awaitResource(Deployment.class, ns, "edge")))
        .containsEntry("UPSTREAM_DENY", "link-local,loopback,unspecified,apiserver");
  }

  @Test
  void aRouteToTheApiServersClusterIpIsForbidden() {
    String ns = "apiserver";
    client.resource(Fixtures.proxy(ns, "edge")).create();
    client
        .resource(
            Fixtures.route(ns, "api", "edge", "wss://" + API_SERVER + ":443/api", "k.example.com"))
        .create();
    client.resource(Fixtures.route(ns, "ok", "edge", "ws://ok:80", "ok.example.com")).create();
    SocketXRoute refused = awaitRouteCondition(ns, "api", "Accepted", "False", "UpstreamForbidden");
    assertThat(
            condition(refused.getStatus().getConditions(), "Accepted").orElseThrow().getMessage())
        .contains("upstream " + API_SERVER + " is forbidden")
        .contains("(matches " + API_SERVER + ")");
    awaitDomainMap(ns, "edge", m -> m.has("ok.example.com") && !m.has("k.example.com"));
  }

  static void awaitEvent(
      String ns, java.util.function.Predicate<io.fabric8.kubernetes.api.model.Event> which) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> client.v1().events().inNamespace(ns).list().getItems(),
            events -> events.stream().anyMatch(which));
  }

  static void awaitProgrammed(String ns, java.util.function.Predicate<Condition> holds) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                condition(proxyStatus(ns, "edge").getConditions(), "Programmed")
                    .map(holds::test)
                    .orElse(false));
  }

  static io.socketx.crd.SocketXProxyStatus proxyStatus(String ns, String name) {
    SocketXProxy p = client.resources(SocketXProxy.class).inNamespace(ns).withName(name).get();
    return p.getStatus() == null ? new io.socketx.crd.SocketXProxyStatus() : p.getStatus();
  }

  static io.fabric8.kubernetes.api.model.coordination.v1.Lease heartbeat(
      String ns, String proxy, String pod, String hash) {
    return new io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder()
        .withNewMetadata()
        .withName(proxy + "-domain-map-" + pod)
        .withNamespace(ns)
        .addToLabels("socketx.io/proxy", proxy)
        .addToAnnotations("socketx.io/config-hash", hash)
        .endMetadata()
        .withNewSpec()
        .withHolderIdentity(pod)
        .withLeaseDurationSeconds(300)
        .withRenewTime(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC))
        .endSpec()
        .build();
  }

  @Test
  void startedOperatorIsReadyAndHealthy() throws Exception {
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (var http = new OperatorHttpServer("127.0.0.1", 0, operator::getRuntimeInfo, registry)) {
      var client = java.net.http.HttpClient.newHttpClient();
      for (String path : List.of("/readyz", "/healthz")) {
        var response =
            client.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + http.port() + path))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
      }
    }
  }
}
