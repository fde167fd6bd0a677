package io.socketx.packaging;

import static io.socketx.packaging.HelmRunner.template;
import static io.socketx.packaging.HelmRunner.templateFailure;
import static io.socketx.packaging.Rendered.container;
import static io.socketx.packaging.Rendered.env;
import static io.socketx.packaging.Rendered.hasEnv;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketx.contract.upstream.UpstreamPolicy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The standalone proxy chart: seed-compatible values, rendered objects, domain map checks. */
class SocketxChartTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SEED_DEFAULT_MAP =
      "{\"*\": {\"upstream\": \"ws://your-upstream-service\", \"allowedOrigins\": [\"*\"]}}";
  private static final String TWO_HOSTS =
      "{\"api.example.com:8443\": {\"upstream\": \"wss://api.internal:9443/ws\","
          + " \"allowedOrigins\": [\"https://app.example.com\"]},"
          + " \"*.chat.example.com\": {\"upstream\": \"ws://chat:9000\","
          + " \"allowedOrigins\": [\"https://*.example.com\"]}}";

  private static Rendered render(Map<String, ?> values) {
    return template(Repo.SOCKETX_CHART, values);
  }

  private static JsonNode domainMapOf(Rendered rendered) throws Exception {
    return JSON.readTree(rendered.single("ConfigMap").at("/data/domain-map.json").asText());
  }

  @Test
  void defaultsRenderTheSeedsObjectsWithItsDefaults() throws Exception {
    Rendered rendered = render(Map.of());

    assertThat(rendered.kinds())
        .containsExactlyInAnyOrder(
            "ServiceAccount", "ConfigMap", "Service", "Deployment", "Secret" /* identity key */);
    WorkloadConventions.assertAll(rendered);
    assertThat(domainMapOf(rendered)).isEqualTo(JSON.readTree(SEED_DEFAULT_MAP));

    JsonNode deployment = rendered.single("Deployment");
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
    JsonNode proxy = container(deployment);
    assertThat(env(proxy, "LISTEN_PORT")).isEqualTo("8080");
    assertThat(env(proxy, "LOG_LEVEL")).isEqualTo("info");
    // The seed's request_based default without a Marketplace plan id cannot bill: the proxy
    // would refuse to start, so the chart runs it unbilled (NOTES.txt says so).
    assertThat(env(proxy, "BILLING_STRATEGY")).isEqualTo("none");
    assertThat(hasEnv(proxy, "BILLING_PROVIDER")).isFalse();
    assertThat(env(proxy, "BILLING_PRODUCT")).isEqualTo("socketx");
    assertThat(env(proxy, "BILLING_REPORT_INTERVAL")).isEqualTo("15m");
    // probes and scrapes use the admin port; the public port serves only WebSocket and echo
    assertThat(proxy.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(proxy.at("/livenessProbe/httpGet/port").asText()).isEqualTo("admin");
    assertThat(proxy.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(proxy.at("/readinessProbe/httpGet/port").asText()).isEqualTo("admin");
    assertThat(proxy.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
    assertThat(proxy.at("/ports/1/name").asText()).isEqualTo("admin");
    assertThat(proxy.at("/ports/1/containerPort").asInt()).isEqualTo(9090);
    assertThat(env(proxy, "ADMIN_PORT")).isEqualTo("9090");
    // the operator's deny list, apiserver included: one definition for charts and operator
    assertThat(env(proxy, "UPSTREAM_DENY")).isEqualTo(UpstreamPolicy.CLUSTER_DENY);
    JsonNode annotations = deployment.at("/spec/template/metadata/annotations");
    assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
    assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo("9090");
    assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/metrics");

    JsonNode service = rendered.single("Service");
    assertThat(service.at("/spec/type").asText()).isEqualTo("ClusterIP");
    assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(8080);
    assertThat(service.at("/spec/ports")).hasSize(1);
    assertThat(service.at("/spec/selector")).isEqualTo(deployment.at("/spec/selector/matchLabels"));
  }

  @Test
  void serviceMonitorScrapesTheAdminPortThroughItsOwnClusterIpService() {
    Rendered rendered =
        render(
            Map.of(
                "service", Map.of("type", "LoadBalancer"),
                "metrics", Map.of("serviceMonitor", Map.of("enabled", true))));

    JsonNode monitor = rendered.single("ServiceMonitor");
    assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("admin");
    assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
    JsonNode admin =
        rendered.ofKind("Service").stream()
            .filter(s -> s.at("/metadata/name").asText().endsWith("-admin"))
            .findFirst()
            .orElseThrow();
    JsonNode publicService =
        rendered.ofKind("Service").stream().filter(s -> s != admin).findFirst().orElseThrow();
    assertThat(admin.at("/spec/type").asText()).isEqualTo("ClusterIP");
    assertThat(admin.at("/spec/ports/0/targetPort").asText()).isEqualTo("admin");
    assertThat(publicService.at("/spec/type").asText()).isEqualTo("LoadBalancer");
    assertThat(publicService.at("/spec/ports")).hasSize(1);
    JsonNode selector = monitor.at("/spec/selector/matchLabels");
    selector
        .fields()
        .forEachRemaining(
            label ->
                assertThat(admin.at("/metadata/labels").path(label.getKey()).asText())
                    .isEqualTo(label.getValue().asText()));
    // the public Service differs in the component label, so it is never scraped
    assertThat(selector.path("app.kubernetes.io/component").asText()).isEqualTo("admin");
    assertThat(publicService.at("/metadata/labels").path("app.kubernetes.io/component").asText())
        .isEqualTo("proxy");
  }

  @Test
  void domainMapReachesTheProxyFromTheConfigMap() {
    Rendered rendered = render(Map.of());
    JsonNode proxy = container(rendered.single("Deployment"));
    JsonNode domainMap = null;
    for (JsonNode e : proxy.path("env")) {
      if (e.path("name").asText().equals("DOMAIN_MAP")) {
        domainMap = e;
      }
    }
    assertThat(domainMap).isNotNull();
    assertThat(domainMap.at("/valueFrom/configMapKeyRef/name").asText())
        .isEqualTo(rendered.single("ConfigMap").at("/metadata/name").asText());
    assertThat(domainMap.at("/valueFrom/configMapKeyRef/key").asText())
        .isEqualTo("domain-map.json");
    assertThat(hasEnv(proxy, "DOMAIN_MAP_FILE")).isFalse();
  }

  @Test
  void base64DomainMapIsDecodedAndWinsOverDomainMap() throws Exception {
    String encoded = Base64.getEncoder().encodeToString(TWO_HOSTS.getBytes(StandardCharsets.UTF_8));

    Rendered rendered = render(Map.of("domainMap", SEED_DEFAULT_MAP, "domainMapBase64", encoded));

    assertThat(domainMapOf(rendered)).isEqualTo(JSON.readTree(TWO_HOSTS));
    WorkloadConventions.assertAll(rendered);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ClusterIP", "LoadBalancer", "NodePort"})
  void eachServiceTypeRendersOnTheConfiguredPort(String type) {
    Map<String, Object> service =
        type.equals("NodePort")
            ? Map.of("type", type, "port", 9000, "nodePort", 30900)
            : Map.of("type", type, "port", 9000);

    Rendered rendered = render(Map.of("service", service));

    JsonNode svc = rendered.single("Service");
    assertThat(svc.at("/spec/type").asText()).isEqualTo(type);
    assertThat(svc.at("/spec/ports/0/port").asInt()).isEqualTo(9000);
    assertThat(svc.at("/spec/ports/0/nodePort").asInt(0))
        .isEqualTo(type.equals("NodePort") ? 30900 : 0);
    assertThat(env(container(rendered.single("Deployment")), "LISTEN_PORT")).isEqualTo("9000");
    WorkloadConventions.assertAll(rendered);
  }

  static Stream<Arguments> invalidDomainMaps() {
    return Stream.of(
        Arguments.of("not JSON", "{\"a.example.com\": ", "domainMap: not valid JSON"),
        Arguments.of(
            "a JSON array", "[{\"upstream\": \"ws://x\"}]", "domainMap: must be a JSON object"),
        Arguments.of("no entries", "{}", "domainMap: has no entries"),
        Arguments.of(
            "entry not an object",
            "{\"a.example.com\": \"ws://x\"}",
            "entry \"a.example.com\": must be an object"),
        Arguments.of(
            "no upstream",
            "{\"a.example.com\": {\"allowedOrigins\": [\"*\"]}}",
            "entry \"a.example.com\": \"upstream\" is missing"),
        Arguments.of(
            "upstream not ws",
            "{\"a.example.com\": {\"upstream\": \"http://x\", \"allowedOrigins\": [\"*\"]}}",
            "entry \"a.example.com\": \"upstream\" must be a ws:// or wss:// URL, got \"http://x\""),
        Arguments.of(
            "no allowedOrigins",
            "{\"*\": {\"upstream\": \"ws://x\"}, \"b.example.com\": {\"upstream\": \"ws://y\"}}",
            "entry \"*\": \"allowedOrigins\" is missing"),
        Arguments.of(
            "allowedOrigins not a list",
            "{\"a.example.com\": {\"upstream\": \"ws://x\", \"allowedOrigins\": \"*\"}}",
            "entry \"a.example.com\": \"allowedOrigins\" must be a list"),
        Arguments.of(
            "empty allowedOrigins",
            "{\"a.example.com\": {\"upstream\": \"ws://x\", \"allowedOrigins\": []}}",
            "entry \"a.example.com\": \"allowedOrigins\" is empty"),
        Arguments.of(
            "wildcard origin without scheme",
            "{\"a.example.com\": {\"upstream\": \"ws://x\", \"allowedOrigins\": [\"*.example.com\"]}}",
            "entry \"a.example.com\": origin \"*.example.com\" must be"),
        Arguments.of(
            "malformed host",
            "{\"a.*.example.com\": {\"upstream\": \"ws://x\", \"allowedOrigins\": [\"*\"]}}",
            "entry \"a.*.example.com\": the host must be"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidDomainMaps")
  void invalidDomainMapFailsNamingTheEntryAndWhy(String why, String domainMap, String message) {
    assertThat(templateFailure(Repo.SOCKETX_CHART, Map.of("domainMap", domainMap)))
        .contains(message);
  }

  @Test
  void invalidBase64DomainMapFailsNamingTheEntryOfTheDecodedMap() {
    String encoded =
        Base64.getEncoder()
            .encodeToString(
                "{\"x.example.com\": {\"upstream\": \"ws://x\"}}".getBytes(StandardCharsets.UTF_8));

    assertThat(templateFailure(Repo.SOCKETX_CHART, Map.of("domainMapBase64", encoded)))
        .contains("domainMapBase64: entry \"x.example.com\": \"allowedOrigins\" is missing");
    assertThat(templateFailure(Repo.SOCKETX_CHART, Map.of("domainMapBase64", "bm90IGJhc2U2N")))
        .contains("domainMapBase64: not valid base64");
  }

  @Test
  void schemaRejectsUnknownServiceTypeAndLogLevel() {
    assertThat(
            templateFailure(
                Repo.SOCKETX_CHART, Map.of("service", Map.of("type", "Ingress", "port", 80))))
        .contains("service", "type");
    assertThat(templateFailure(Repo.SOCKETX_CHART, Map.of("logLevel", "verbose")))
        .contains("logLevel");
  }

  @Test
  void optionalProxySettingsAreSetOnlyWhenGiven() {
    JsonNode bare = container(render(Map.of()).single("Deployment"));
    for (String name :
        new String[] {
          "MTE_KYBER_STRENGTH", "CLIENT_PING_INTERVAL", "WS_READ_BUFFER_SIZE", "AZURE_RESOURCE_ID"
        }) {
      assertThat(hasEnv(bare, name)).as(name).isFalse();
    }

    Map<String, Object> values =
        Map.ofEntries(
            Map.entry("listenHost", "0.0.0.0"),
            Map.entry("mteCompanyName", "Example Corp"),
            Map.entry("mteKyberStrength", 1024),
            Map.entry("mteDecoderWindowSize", 2000),
            Map.entry("wsReadBufferSize", 65536),
            Map.entry("wsWriteBufferSize", 65536),
            Map.entry("clientPingInterval", "30s"),
            Map.entry("clientPongTimeout", "10s"),
            Map.entry("upstreamPingInterval", "30s"),
            Map.entry("upstreamPongTimeout", "10s"),
            Map.entry("writeTimeout", "15s"),
            Map.entry("handshakeTimeout", "5s"),
            Map.entry("upstreamConnectTimeout", "3s"),
            Map.entry("shutdownDrainPeriod", "20s"),
            Map.entry("maxMessageSize", 2097152),
            Map.entry("upstreamTlsVerifyHostname", false),
            Map.entry("useConsoleLogs", true),
            Map.entry("billingPlanId", "standard"),
            Map.entry("azureResourceId", "/subscriptions/s/resourceGroups/g"),
            Map.entry("azureClientId", "00000000-0000-0000-0000-000000000001"),
            Map.entry("logLevel", "debug"));
    Rendered rendered = render(values);
    JsonNode proxy = container(rendered.single("Deployment"));

    Map<String, String> expected =
        Map.ofEntries(
            Map.entry("LISTEN_HOST", "0.0.0.0"),
            Map.entry("MTE_COMPANY_NAME", "Example Corp"),
            Map.entry("MTE_KYBER_STRENGTH", "1024"),
            Map.entry("MTE_DECODER_WINDOW_SIZE", "2000"),
            Map.entry("WS_READ_BUFFER_SIZE", "65536"),
            Map.entry("WS_WRITE_BUFFER_SIZE", "65536"),
            Map.entry("CLIENT_PING_INTERVAL", "30s"),
            Map.entry("CLIENT_PONG_TIMEOUT", "10s"),
            Map.entry("UPSTREAM_PING_INTERVAL", "30s"),
            Map.entry("UPSTREAM_PONG_TIMEOUT", "10s"),
            Map.entry("WRITE_TIMEOUT", "15s"),
            Map.entry("HANDSHAKE_TIMEOUT", "5s"),
            Map.entry("UPSTREAM_CONNECT_TIMEOUT", "3s"),
            Map.entry("SHUTDOWN_DRAIN_PERIOD", "20s"),
            Map.entry("MAX_MESSAGE_SIZE", "2097152"),
            Map.entry("UPSTREAM_TLS_VERIFY_HOSTNAME", "false"),
            Map.entry("USE_CONSOLE_LOGS", "true"),
            Map.entry("BILLING_PLAN_ID", "standard"),
            Map.entry("AZURE_RESOURCE_ID", "/subscriptions/s/resourceGroups/g"),
            Map.entry("AZURE_CLIENT_ID", "00000000-0000-0000-0000-000000000001"),
            Map.entry("LOG_LEVEL", "debug"));
    expected.forEach((name, value) -> assertThat(env(proxy, name)).as(name).isEqualTo(value));
    WorkloadConventions.assertAll(rendered);
  }

  @Test
  void billingCanBeTurnedOffAndRequestBasedNeedsAProvider() {
    JsonNode proxy =
        container(
            render(Map.of("billingStrategy", "none", "billingProvider", "")).single("Deployment"));
    assertThat(env(proxy, "BILLING_STRATEGY")).isEqualTo("none");
    assertThat(hasEnv(proxy, "BILLING_PROVIDER")).isFalse();

    assertThat(templateFailure(Repo.SOCKETX_CHART, Map.of("billingProvider", "")))
        .contains("billingProvider: must be azure when billingStrategy is request_based");
  }

  @Test
  void billingReplicasMayTouchOnlyTheirStateConfigMapAndLease() {
    Rendered billed = render(Map.of("billingPlanId", "payg"));
    JsonNode proxy = container(billed.single("Deployment"));
    String state = env(proxy, "BILLING_STATE_CONFIGMAP");
    String lease = env(proxy, "BILLING_LEASE");
    assertThat(state).isEqualTo("rel-socketx-billing");
    assertThat(lease).isEqualTo("rel-socketx-billing-reporter");
    assertThat(proxy.toString()).contains("\"name\":\"POD_NAMESPACE\"", "\"name\":\"POD_NAME\"");
    assertThat(
            billed
                .single("Deployment")
                .at("/spec/template/spec/automountServiceAccountToken")
                .asBoolean())
        .isTrue();
    for (JsonNode rule : billed.single("Role").path("rules")) {
      String verbs = rule.path("verbs").toString();
      if (!verbs.equals("[\"create\"]")) {
        assertThat(verbs).isIn("[\"get\",\"update\"]", "[\"get\",\"update\",\"patch\"]");
        assertThat(rule.path("resourceNames").toString())
            .isIn("[\"" + state + "\"]", "[\"" + lease + "\"]");
      }
    }
    OperatorChartTest.assertLeastPrivilege(billed.single("Role").path("rules"));
    assertThat(billed.single("RoleBinding").at("/subjects/0/name").asText())
        .isEqualTo(billed.single("ServiceAccount").at("/metadata/name").asText());

    Rendered unbilled = render(Map.of("billingStrategy", "none"));
    assertThat(unbilled.ofKind("Role")).isEmpty();
    assertThat(
            unbilled
                .single("Deployment")
                .at("/spec/template/spec/automountServiceAccountToken")
                .asBoolean())
        .isFalse();
    assertThat(hasEnv(container(unbilled.single("Deployment")), "BILLING_LEASE")).isFalse();
  }

  @Test
  void azureMarketplaceValuesTurnSeedBillingOn() {
    Map<String, Object> azure =
        Map.of(
            "identity", Map.of("clientId", "mi-client"),
            "marketplace", Map.of("planId", "payg"),
            "extension", Map.of("resourceId", "/subscriptions/s/extensions/socketx"));

    JsonNode proxy =
        container(render(Map.of("global", Map.of("azure", azure))).single("Deployment"));

    assertThat(env(proxy, "BILLING_STRATEGY")).isEqualTo("request_based");
    assertThat(env(proxy, "BILLING_PROVIDER")).isEqualTo("azure");
    assertThat(env(proxy, "BILLING_PLAN_ID")).isEqualTo("payg");
    assertThat(env(proxy, "AZURE_CLIENT_ID")).isEqualTo("mi-client");
    assertThat(env(proxy, "AZURE_RESOURCE_ID")).isEqualTo("/subscriptions/s/extensions/socketx");

    JsonNode explicit =
        container(
            render(Map.of("billingPlanId", "enterprise", "global", Map.of("azure", azure)))
                .single("Deployment"));
    assertThat(env(explicit, "BILLING_PLAN_ID")).isEqualTo("enterprise");
  }

  @Test
  void upstreamCaIsMountedFromAConfigMap() {
    JsonNode deployment =
        render(Map.of("upstreamCa", Map.of("configMapName", "corp-ca", "key", "bundle.pem")))
            .single("Deployment");
    assertThat(env(container(deployment), "UPSTREAM_CA_FILE"))
        .isEqualTo("/etc/socketx/upstream-ca/bundle.pem");
    assertThat(deployment.at("/spec/template/spec/volumes").toString())
        .contains("\"name\":\"corp-ca\"");
  }

  private static JsonNode secretNamed(Rendered rendered, String name) {
    return rendered.ofKind("Secret").stream()
        .filter(s -> s.at("/metadata/name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Secret " + name));
  }

  @Test
  void anIdentityKeyIsGeneratedKeptOnUninstallAndMountedForIdentityKeyFile() {
    Rendered rendered = render(Map.of());
    JsonNode secret = secretNamed(rendered, "rel-socketx-identity");
    assertThat(secret.at("/metadata/annotations/helm.sh~1resource-policy").asText())
        .isEqualTo("keep");
    String pem =
        new String(
            Base64.getDecoder().decode(secret.at("/data/identity.pem").asText()),
            StandardCharsets.US_ASCII);
    // the proxy's own reader accepts what Helm's genPrivateKey "ed25519" writes
    assertThat(io.socketx.protocol.v2.IdentityKeys.parsePem(pem).keys()).hasSize(1);
    JsonNode deployment = rendered.single("Deployment");
    assertThat(env(container(deployment), "IDENTITY_KEY_FILE"))
        .isEqualTo("/etc/socketx/identity/identity.pem");
    assertThat(deployment.at("/spec/template/spec/volumes").toString())
        .contains("\"secretName\":\"rel-socketx-identity\"");

    Rendered own = render(Map.of("identity", Map.of("secretName", "my-key")));
    assertThat(own.ofKind("Secret")).isEmpty();
    assertThat(own.single("Deployment").at("/spec/template/spec/volumes").toString())
        .contains("\"secretName\":\"my-key\"");
  }

  @Test
  void tlsMinimumVersionReachesTheProxy() {
    Rendered rendered =
        render(Map.of("tls", Map.of("enabled", true, "secretName", "t", "minVersion", "1.3")));
    assertThat(env(container(rendered.single("Deployment")), "TLS_MIN_VERSION")).isEqualTo("1.3");
  }

  @Test
  void licenseKeyIsKeptInASecretAndNeverInThePodSpec() {
    Rendered rendered = render(Map.of("mteLicenseKey", "s3cr3t-licence"));

    JsonNode deployment = rendered.single("Deployment");
    assertThat(deployment.toString()).doesNotContain("s3cr3t-licence");
    JsonNode secret = secretNamed(rendered, "rel-socketx-license");
    assertThat(new String(Base64.getDecoder().decode(secret.at("/data/MTE_LICENSE_KEY").asText())))
        .isEqualTo("s3cr3t-licence");
    assertThat(deployment.toString())
        .contains("\"secretKeyRef\":{\"name\":\"" + secret.at("/metadata/name").asText() + "\"");

    Rendered external = render(Map.of("mteLicenseKeySecret", "my-licence"));
    assertThat(external.ofKind("Secret"))
        .extracting(s -> s.at("/metadata/name").asText())
        .containsExactly("rel-socketx-identity");
    assertThat(external.single("Deployment").toString()).contains("\"name\":\"my-licence\"");
  }

  @Test
  void domainMapChangeRollsPodsUnlessLiveReloadIsOn() {
    String before = checksum(render(Map.of()));
    String after = checksum(render(Map.of("domainMap", TWO_HOSTS)));
    assertThat(before).isNotBlank().isNotEqualTo(after);
    assertThat(checksum(render(Map.of()))).as("deterministic").isEqualTo(before);

    Rendered live = render(Map.of("domainMapLiveReload", true));
    JsonNode deployment = live.single("Deployment");
    assertThat(checksum(live)).isEmpty();
    JsonNode proxy = container(deployment);
    assertThat(env(proxy, "DOMAIN_MAP_FILE")).isEqualTo("/etc/socketx/domain-map/domain-map.json");
    assertThat(hasEnv(proxy, "DOMAIN_MAP")).isFalse();
    assertThat(deployment.at("/spec/template/spec/volumes").toString())
        .contains(live.single("ConfigMap").at("/metadata/name").asText());
    WorkloadConventions.assertAll(live);
  }

  private static String checksum(Rendered rendered) {
    return rendered
        .single("Deployment")
        .at("/spec/template/metadata/annotations/checksum~1domain-map")
        .asText("");
  }

  @Test
  void tlsMountsTheCertificateSecretAndPointsTheProxyAtIt() {
    Rendered rendered = render(Map.of("tls", Map.of("enabled", true, "secretName", "proxy-tls")));

    JsonNode deployment = rendered.single("Deployment");
    JsonNode proxy = container(deployment);
    assertThat(env(proxy, "TLS_CERT_FILE")).isEqualTo("/etc/socketx/tls/tls.crt");
    assertThat(env(proxy, "TLS_KEY_FILE")).isEqualTo("/etc/socketx/tls/tls.key");
    assertThat(deployment.at("/spec/template/spec/volumes").toString()).contains("proxy-tls");
    assertThat(rendered.single("Service").at("/spec/ports/0/name").asText()).isEqualTo("https");
    assertThat(templateFailure(Repo.SOCKETX_CHART, Map.of("tls", Map.of("enabled", true))))
        .contains("tls.secretName is required");
  }

  @Test
  void disruptionBudgetOnlyWithMoreThanOneReplica() {
    assertThat(render(Map.of("replicaCount", 1)).ofKind("PodDisruptionBudget")).isEmpty();
    Rendered three = render(Map.of("replicaCount", 3));
    assertThat(three.single("PodDisruptionBudget").path("apiVersion").asText())
        .isEqualTo("policy/v1");
    assertThat(three.single("Deployment").at("/spec/replicas").asInt()).isEqualTo(3);
    WorkloadConventions.assertAll(three);
  }

  @Test
  void imageIsReferencedByTagOrDigest() {
    String digest = "sha256:" + "ab".repeat(32);
    assertThat(container(render(Map.of()).single("Deployment")).path("image").asText())
        .isEqualTo("ghcr.io/socketx/socketx-proxy:0.1.0");
    assertThat(
            container(
                    render(
                            Map.of(
                                "image",
                                Map.of("repository", "registry.example/proxy", "digest", digest)))
                        .single("Deployment"))
                .path("image")
                .asText())
        .isEqualTo("registry.example/proxy@" + digest);
  }
}
