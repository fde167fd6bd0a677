package io.socketx.operator.model;

import static io.socketx.operator.Fixtures.created;
import static io.socketx.operator.Fixtures.proxy;
import static io.socketx.operator.Fixtures.route;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.socketx.contract.domainmap.DomainMapKeys;
import io.socketx.crd.BillingProvider;
import io.socketx.crd.BillingSpec;
import io.socketx.crd.BillingStrategy;
import io.socketx.crd.ProxyBuffers;
import io.socketx.crd.ProxyServiceSpec;
import io.socketx.crd.ProxyTimeouts;
import io.socketx.crd.ServiceType;
import io.socketx.crd.SocketXProxy;
import io.socketx.crd.SocketXRoute;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DesiredResourcesTest {
  static final ProxyDefaults DEFAULTS =
      new ProxyDefaults("default/proxy:1", "cluster.local", 262144);

  static ProxyPlan plan(SocketXProxy proxy, SocketXRoute... routes) {
    return ProxyPlan.of(proxy, List.of(routes), DEFAULTS);
  }

  static Map<String, String> env(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  @Test
  void deploymentCarriesEveryProxySettingAsEnvironment() {
    SocketXProxy proxy = proxy("apps", "edge");
    var spec = proxy.getSpec();
    spec.setKyberStrength(1024);
    spec.setDecoderWindowSize(4096);
    spec.setConsoleLogs(true);
    spec.setLogLevel(io.socketx.crd.LogLevel.WARN);
    ProxyBuffers buffers = new ProxyBuffers();
    buffers.setReadBufferSize(65536);
    buffers.setWriteBufferSize(32768);
    spec.setBuffers(buffers);
    ProxyTimeouts timeouts = new ProxyTimeouts();
    timeouts.setClientPingInterval("30s");
    timeouts.setClientPongTimeout("10s");
    timeouts.setUpstreamPingInterval("1m");
    timeouts.setUpstreamPongTimeout("15s");
    timeouts.setWriteTimeout("5s");
    spec.setTimeouts(timeouts);
    BillingSpec billing = new BillingSpec();
    billing.setStrategy(BillingStrategy.REQUEST_BASED);
    billing.setProvider(BillingProvider.AZURE);
    billing.setProduct("socketx");
    billing.setReportInterval("15m");
    spec.setBilling(billing);

    Map<String, String> env = env(DeploymentModel.desired(plan(proxy)));
    assertThat(env)
        .containsEntry("LISTEN_HOST", "0.0.0.0")
        .containsEntry("LISTEN_PORT", "8080")
        .containsEntry("DOMAIN_MAP_CONFIGMAP_NAMESPACE", "apps")
        .containsEntry("DOMAIN_MAP_CONFIGMAP_NAME", "edge-domain-map")
        .containsEntry("MTE_KYBER_STRENGTH", "1024")
        .containsEntry("MTE_DECODER_WINDOW_SIZE", "4096")
        .containsEntry("WS_READ_BUFFER_SIZE", "65536")
        .containsEntry("WS_WRITE_BUFFER_SIZE", "32768")
        .containsEntry("CLIENT_PING_INTERVAL", "30s")
        .containsEntry("CLIENT_PONG_TIMEOUT", "10s")
        .containsEntry("UPSTREAM_PING_INTERVAL", "1m")
        .containsEntry("UPSTREAM_PONG_TIMEOUT", "15s")
        .containsEntry("WRITE_TIMEOUT", "5s")
        .containsEntry("LOG_LEVEL", "warn")
        .containsEntry("USE_CONSOLE_LOGS", "true")
        .containsEntry("BILLING_STRATEGY", "request_based")
        .containsEntry("BILLING_PROVIDER", "azure")
        .containsEntry("BILLING_PRODUCT", "socketx")
        .containsEntry("BILLING_REPORT_INTERVAL", "15m");
    var all =
        DeploymentModel.desired(plan(proxy))
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0)
            .getEnv();
    assertThat(all)
        .filteredOn(e -> e.getValueFrom() != null)
        .extracting(EnvVar::getName)
        .containsExactly("POD_NAME", "POD_NAMESPACE");
  }

  @Test
  void podLabelsAreAddedButNeverOverrideTheSelectorLabels() {
    SocketXProxy proxy = proxy("apps", "edge");
    proxy
        .getSpec()
        .setPodLabels(
            Map.of(
                "azure-extensions-usage-release-identifier", "socketx",
                "app.kubernetes.io/instance", "hijack"));

    var template = DeploymentModel.desired(plan(proxy)).getSpec().getTemplate();

    assertThat(template.getMetadata().getLabels())
        .containsEntry("azure-extensions-usage-release-identifier", "socketx")
        .containsEntry("app.kubernetes.io/instance", "edge");
  }

  @Test
  void unsetSettingsAreLeftToTheProxy() {
    Map<String, String> env = env(DeploymentModel.desired(plan(proxy("apps", "edge"))));
    assertThat(env)
        .containsOnlyKeys(
            "LISTEN_HOST",
            "LISTEN_PORT",
            "ADMIN_PORT",
            "DOMAIN_MAP_CONFIGMAP_NAMESPACE",
            "DOMAIN_MAP_CONFIGMAP_NAME",
            "LOG_LEVEL",
            "UPSTREAM_DENY",
            "SOCKETX_PROXY_NAME",
            "IDENTITY_KEY_FILE");
    assertThat(env).containsEntry("SOCKETX_PROXY_NAME", "edge");
  }

  @Test
  void podTemplateDoesNotDependOnRoutes() {
    SocketXProxy proxy = proxy("apps", "edge");
    Deployment none = DeploymentModel.desired(plan(proxy));
    Deployment some =
        DeploymentModel.desired(
            plan(
                proxy,
                created(
                    route("apps", "r", "edge", "ws://x:80", "x.example.com"),
                    "2026-01-01T00:00:00Z",
                    Map.of())));
    assertThat(Serialization.asJson(some)).isEqualTo(Serialization.asJson(none));
  }

  @Test
  void imageComesFromTheOperatorUnlessTheProxyNamesOne() {
    SocketXProxy proxy = proxy("apps", "edge");
    assertThat(
            DeploymentModel.desired(plan(proxy))
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo("default/proxy:1");
    proxy.getSpec().setImage("mirror.example.com/proxy:2");
    assertThat(
            DeploymentModel.desired(plan(proxy))
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo("mirror.example.com/proxy:2");
  }

  @Test
  void podRunsNonRootWithReadOnlyRootAndProbes() {
    var pod =
        DeploymentModel.desired(plan(proxy("apps", "edge"))).getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    var container = pod.getContainers().get(0);
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getLivenessProbe().getTcpSocket().getPort().getStrVal()).isEqualTo("http");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("admin");
    assertThat(container.getPorts())
        .extracting(p -> p.getName() + ":" + p.getContainerPort())
        .containsExactly("http:8080", "admin:9090");
    assertThat(container.getEnv())
        .anyMatch(e -> e.getName().equals("ADMIN_PORT") && e.getValue().equals("9090"))
        .anyMatch(
            e ->
                e.getName().equals("UPSTREAM_DENY")
                    && e.getValue().equals("link-local,loopback,unspecified,apiserver"));
  }

  @ParameterizedTest(name = "replicas {0} -> PDB {1}")
  @CsvSource({"0, false", "1, false", "2, true", "5, true"})
  void disruptionBudgetOnlyAboveOneReplica(int replicas, boolean wanted) {
    SocketXProxy proxy = proxy("apps", "edge");
    proxy.getSpec().setReplicas(replicas);
    assertThat(DisruptionBudgetModel.wanted(plan(proxy))).isEqualTo(wanted);
    assertThat(DisruptionBudgetModel.v1(plan(proxy)).getSpec().getSelector().getMatchLabels())
        .isEqualTo(
            DisruptionBudgetModel.v1beta1(plan(proxy)).getSpec().getSelector().getMatchLabels());
  }

  @Test
  void serviceFollowsTheServiceSpec() {
    SocketXProxy proxy = proxy("apps", "edge");
    assertThat(ServiceModel.desired(plan(proxy)).getSpec().getType()).isEqualTo("ClusterIP");
    ProxyServiceSpec service = new ProxyServiceSpec();
    service.setType(ServiceType.NODE_PORT);
    service.setPort(443);
    service.setNodePort(30443);
    service.setAnnotations(Map.of("a", "b"));
    proxy.getSpec().setService(service);
    var desired = ServiceModel.desired(plan(proxy));
    assertThat(desired.getSpec().getType()).isEqualTo("NodePort");
    assertThat(desired.getSpec().getPorts().get(0).getPort()).isEqualTo(443);
    assertThat(desired.getSpec().getPorts().get(0).getNodePort()).isEqualTo(30443);
    assertThat(desired.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
    assertThat(desired.getMetadata().getAnnotations()).containsEntry("a", "b");
  }

  @Test
  void roleGrantsReadingOnlyTheOwnConfigMapAndCreatingHeartbeatLeases() {
    var role = RbacModel.role(plan(proxy("apps", "edge")));
    assertThat(role.getRules())
        .hasSize(2)
        .anySatisfy(
            rule -> {
              assertThat(rule.getResources()).containsExactly("configmaps");
              assertThat(rule.getResourceNames()).containsExactly("edge-domain-map");
              assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
            })
        .anySatisfy(
            rule -> {
              assertThat(rule.getApiGroups()).containsExactly("coordination.k8s.io");
              assertThat(rule.getResources()).containsExactly("leases");
              assertThat(rule.getResourceNames()).isEmpty();
              assertThat(rule.getVerbs()).containsExactly("create");
            });
  }

  @Test
  void roleNamesEachHeartbeatLeaseItsPodsCreatedAndNoOther() {
    ProxyPlan plan =
        ProxyPlan.of(
            proxy("apps", "edge"),
            List.of(),
            DEFAULTS,
            RouteGrants.none(),
            List.of("edge-domain-map-pod-b", "edge-domain-map-pod-a"));
    var rules = RbacModel.role(plan).getRules();
    assertThat(rules)
        .filteredOn(r -> r.getResources().contains("leases") && !r.getResourceNames().isEmpty())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getResourceNames())
                  .containsExactly("edge-domain-map-pod-a", "edge-domain-map-pod-b");
              assertThat(r.getVerbs()).containsExactlyInAnyOrder("get", "patch", "delete");
            });
    // every verb but create is limited by name
    assertThat(rules)
        .filteredOn(r -> r.getResourceNames().isEmpty())
        .allSatisfy(r -> assertThat(r.getVerbs()).containsExactly("create"));
  }

  @Test
  void billingProxyGetsMarketplaceIdentityItsOwnLedgerAndAccessToIt() {
    SocketXProxy proxy = proxy("apps", "edge");
    BillingSpec billing = new BillingSpec();
    billing.setStrategy(BillingStrategy.REQUEST_BASED);
    billing.setProvider(BillingProvider.AZURE);
    proxy.getSpec().setBilling(billing);
    ProxyDefaults defaults =
        new ProxyDefaults(
            "i", "cluster.local", 262144, new BillingIdentity("plan-1", "client-1", null), null);
    ProxyPlan plan = ProxyPlan.of(proxy, List.of(), defaults);

    assertThat(env(DeploymentModel.desired(plan)))
        .containsEntry("BILLING_PLAN_ID", "plan-1")
        .containsEntry("AZURE_CLIENT_ID", "client-1")
        .containsEntry("BILLING_STATE_CONFIGMAP", "edge-billing")
        .containsEntry("BILLING_LEASE", "edge-billing-reporter")
        .doesNotContainKey("AZURE_RESOURCE_ID");
    var rules = RbacModel.role(plan).getRules();
    assertThat(rules)
        .anySatisfy(
            r -> {
              assertThat(r.getResourceNames()).containsExactly("edge-billing");
              assertThat(r.getVerbs()).containsExactlyInAnyOrder("get", "update");
            })
        .anySatisfy(
            r -> {
              assertThat(r.getResourceNames()).containsExactly("edge-billing-reporter");
              assertThat(r.getVerbs()).containsExactlyInAnyOrder("get", "update", "patch");
            });

    // the same identity is not handed to a proxy that does not bill
    billing.setStrategy(BillingStrategy.NONE);
    ProxyPlan free = ProxyPlan.of(proxy, List.of(), defaults);
    assertThat(env(DeploymentModel.desired(free)))
        .doesNotContainKeys("BILLING_PLAN_ID", "BILLING_LEASE");
    assertThat(RbacModel.role(free).getRules()).hasSize(2);
  }

  @Test
  void configMapIsPlainCompressedOrKeptByLayout() {
    SocketXProxy proxy = proxy("apps", "edge");
    SocketXRoute route =
        created(
            route("apps", "r", "edge", "ws://x:80", "x.example.com"),
            "2026-01-01T00:00:00Z",
            Map.of());
    ConfigMap plain = ConfigMapModel.desired(plan(proxy, route), Optional.empty());
    assertThat(plain.getData()).containsOnlyKeys("DOMAIN_MAP");
    assertThat(ConfigMapModel.hashOf(plain)).contains(plan(proxy, route).document().sha256());

    ProxyPlan small =
        ProxyPlan.of(proxy, List.of(route), new ProxyDefaults("i", "cluster.local", 10));
    ConfigMap compressed = ConfigMapModel.desired(small, Optional.empty());
    assertThat(compressed.getData()).isNullOrEmpty();
    assertThat(compressed.getBinaryData()).containsOnlyKeys("DOMAIN_MAP.gz");

    ConfigMap current =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("edge-domain-map")
            .addToAnnotations(DomainMapKeys.CONFIG_HASH_ANNOTATION, "last-good")
            .endMetadata()
            .addToData("DOMAIN_MAP", "{\"last\":\"good\"}")
            .build();
    ProxyPlan tooLarge =
        new ProxyPlan(
            proxy,
            DEFAULTS,
            small.names(),
            small.routes(),
            small.document(),
            new ConfigLayout(ConfigLayout.Kind.TOO_LARGE, null, 2_000_000),
            List.of());
    ConfigMap kept = ConfigMapModel.desired(tooLarge, Optional.of(current));
    assertThat(kept.getData()).isEqualTo(current.getData());
    assertThat(ConfigMapModel.hashOf(kept)).contains("last-good");
    assertThat(ConfigMapModel.desired(tooLarge, Optional.empty()).getData())
        .containsEntry("DOMAIN_MAP", "{}");
  }
}
