package io.socketx.packaging;

import static io.socketx.packaging.Rendered.container;
import static io.socketx.packaging.Rendered.env;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The AKS cluster-extension package: its four files agree with each other, and the chart renders
 * what the portal's settings describe, valid against the operator's CRDs.
 */
class AksExtensionTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ARM_PARAMETER = Pattern.compile("parameters\\('([^']+)'\\)");
  private static final Pattern UI_ELEMENT =
      Pattern.compile("steps\\('([^']+)'\\)\\.([A-Za-z0-9]+)");

  private final JsonNode ui = readJson("createUIDefinition.json");
  private final JsonNode arm = readJson("mainTemplate.json");
  private final Map<String, Object> manifest =
      HelmRunner.readYaml(Repo.AKS_EXTENSION.resolve("manifest.yaml"));

  private static JsonNode readJson(String file) {
    try {
      return JSON.readTree(Repo.AKS_EXTENSION.resolve(file).toFile());
    } catch (IOException e) {
      throw new AssertionError("aks-extension/" + file + " is not valid JSON", e);
    }
  }

  @Test
  void extensionInstallsClusterScopedIntoItsOwnNamespace() {
    // Field names, types and paths: CpaRulesTest.
    Map<?, ?> registration = (Map<?, ?>) manifest.get("extensionRegistrationParameters");
    assertThat(registration.get("defaultScope")).isEqualTo("cluster");
    assertThat(registration.get("namespace")).isEqualTo("socketx");
  }

  @Test
  void everyUiOutputIsAnArmParameterAndEveryRequiredParameterIsAnOutput() {
    Set<String> outputs = fieldNames(ui.at("/parameters/outputs"));
    Set<String> parameters = fieldNames(arm.path("parameters"));

    assertThat(parameters).containsAll(outputs);
    for (String parameter : parameters) {
      if (!arm.path("parameters").path(parameter).has("defaultValue")) {
        assertThat(outputs)
            .as("ARM parameter %s has no default: the UI must supply it", parameter)
            .contains(parameter);
      }
    }
  }

  @Test
  void everyUiOutputReadsAnElementThatExists() {
    Set<String> elements = new TreeSet<>();
    for (JsonNode step : ui.at("/parameters/steps")) {
      for (JsonNode element : step.path("elements")) {
        elements.add(step.path("name").asText() + "." + element.path("name").asText());
      }
    }
    for (JsonNode output : ui.at("/parameters/outputs")) {
      Matcher m = UI_ELEMENT.matcher(output.asText());
      while (m.find()) {
        assertThat(elements)
            .as("output %s", output.asText())
            .contains(m.group(1) + "." + m.group(2));
      }
    }
  }

  @Test
  void everyArmParameterReferenceIsDeclared() {
    Set<String> declared = fieldNames(arm.path("parameters"));
    Matcher m = ARM_PARAMETER.matcher(arm.path("resources").toString());
    while (m.find()) {
      assertThat(declared).contains(m.group(1));
    }
  }

  @Test
  void everyConfigurationSettingIsAValueTheChartReads() throws IOException {
    JsonNode settings = extension().at("/properties/configurationSettings");
    Map<String, Object> values = HelmRunner.readYaml(Repo.AKS_CHART.resolve("values.yaml"));
    String templates = templatesText(Repo.AKS_CHART.resolve("templates"));

    assertThat(fieldNames(settings))
        .containsExactlyInAnyOrder(
            "domainMapBase64", "replicaCount", "logLevel", "service.type", "service.port");
    for (String key : fieldNames(settings)) {
      assertThat(HelmRunner.valueAt(values, key))
          .as("chart values.yaml declares %s", key)
          .isNotNull();
      assertThat(templates).as("a chart template reads .Values.%s", key).contains(".Values." + key);
    }
  }

  @Test
  void portalChoicesMatchTheArmParametersAndTheChartSchema() throws IOException {
    JsonNode schema = JSON.readTree(Repo.AKS_CHART.resolve("values.schema.json").toFile());
    JsonNode replicas = element("applicationDetails", "replicaCount");
    assertThat(replicas.path("min").asInt())
        .isEqualTo(1)
        .isEqualTo(arm.at("/parameters/app-replicaCount/minValue").asInt());
    assertThat(replicas.path("max").asInt())
        .isEqualTo(10)
        .isEqualTo(arm.at("/parameters/app-replicaCount/maxValue").asInt());
    assertThat(schema.at("/properties/replicaCount/maximum").asInt()).isEqualTo(10);

    assertThat(allowedValues(element("applicationDetails", "logLevel")))
        .containsExactly("error", "info", "debug")
        .isEqualTo(texts(arm.at("/parameters/app-logLevel/allowedValues")));
    assertThat(allowedValues(element("applicationDetails", "serviceType")))
        .containsExactlyInAnyOrderElementsOf(
            texts(arm.at("/parameters/app-serviceType/allowedValues")))
        .containsExactlyInAnyOrderElementsOf(
            texts(schema.at("/properties/service/properties/type/enum")));
    assertThat(element("applicationDetails", "servicePort").path("defaultValue").asText())
        .isEqualTo(arm.at("/parameters/app-servicePort/defaultValue").asText())
        .isEqualTo("8080");
    assertThat(element("applicationDetails", "domainMap").path("defaultValue").asText())
        .isEqualTo(arm.at("/parameters/app-domainMap/defaultValue").asText())
        .isEqualTo(HelmRunner.readYaml(Repo.AKS_CHART.resolve("values.yaml")).get("domainMap"));
  }

  @Test
  void portalDomainMapValidationsAcceptTheDefaultAndRejectNonObjects() {
    JsonNode domainMap = element("applicationDetails", "domainMap");
    String regex = domainMap.at("/constraints/validations/0/regex").asText();
    assertThat(Pattern.compile(regex).matcher(domainMap.path("defaultValue").asText()).matches())
        .isTrue();
    assertThat(Pattern.compile(regex).matcher("[\"ws://x\"]").matches()).isFalse();
  }

  @Test
  void portalSettingsPassedAsAzureDoesRenderAProxyAndRoutesValidAgainstTheCrds() {
    String portalMap =
        "{\"*\": {\"upstream\": \"ws://echo.default.svc:8080\", \"allowedOrigins\": [\"*\"]},"
            + " \"api.example.com\": {\"upstream\": \"wss://api.internal/ws\", \"allowedOrigins\": [\"https://app.example.com\"]},"
            + " \"*.chat.example.com:8443\": {\"upstream\": \"ws://chat:9000\", \"allowedOrigins\": [\"https://*.example.com\"]}}";
    Rendered rendered =
        HelmRunner.template(
            HelmRunner.aksChart(), armSettings(portalMap, "3", "debug", "NodePort", "9000"));

    WorkloadConventions.assertAll(rendered);
    for (ObjectNode object : rendered.objects()) {
      if (CustomResourceSchemas.knows(object)) {
        CustomResourceSchemas.check(object);
      }
    }
    JsonNode proxy = rendered.single("SocketXProxy");
    assertThat(proxy.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(proxy.at("/spec/logLevel").asText()).isEqualTo("debug");
    assertThat(proxy.at("/spec/service/type").asText()).isEqualTo("NodePort");
    assertThat(proxy.at("/spec/service/port").isInt()).isTrue();
    assertThat(proxy.at("/spec/service/port").asInt()).isEqualTo(9000);
    assertThat(proxy.at("/spec/billing/strategy").asText())
        .as("no Marketplace plan injected: nothing to bill")
        .isEqualTo("none");
    assertThat(proxy.at("/spec/defaultRoute/upstream/url").asText())
        .isEqualTo("ws://echo.default.svc:8080");

    Map<String, JsonNode> routesByHost = new HashMap<>();
    for (ObjectNode route : rendered.ofKind("SocketXRoute")) {
      assertThat(route.at("/spec/proxyRef/name").asText())
          .isEqualTo(proxy.at("/metadata/name").asText());
      routesByHost.put(route.at("/spec/hosts/0").asText(), route);
    }
    assertThat(routesByHost).containsOnlyKeys("api.example.com", "*.chat.example.com:8443");
    assertThat(routesByHost.get("api.example.com").at("/spec/upstream/url").asText())
        .isEqualTo("wss://api.internal/ws");

    for (JsonNode object : List.of(proxy, routesByHost.get("api.example.com"))) {
      assertThat(object.at("/metadata/labels/azure-extensions-usage-release-identifier").asText())
          .isEqualTo(HelmRunner.RELEASE);
    }
    // the operator copies spec.podLabels onto the proxy pods it runs
    assertThat(proxy.at("/spec/podLabels/azure-extensions-usage-release-identifier").asText())
        .isEqualTo(HelmRunner.RELEASE);
    assertThat(
            rendered
                .single("Deployment")
                .at("/spec/template/metadata/labels/azure-extensions-usage-release-identifier")
                .asText())
        .isEqualTo(HelmRunner.RELEASE);
  }

  @Test
  void defaultsInstallTheOperatorWithItsCrdsAndTheSeedRoute() throws IOException {
    Rendered rendered = HelmRunner.template(HelmRunner.aksChart(), Map.of());

    WorkloadConventions.assertAll(rendered);
    assertThat(rendered.kinds())
        .contains("Deployment", "Role", "SocketXProxy")
        .doesNotContain("SocketXRoute");
    CustomResourceSchemas.check(rendered.single("SocketXProxy"));
    assertThat(rendered.single("SocketXProxy").at("/spec/service/type").asText())
        .as("the seed's default: no public IP unless asked for")
        .isEqualTo("ClusterIP");
    Path vendored = HelmRunner.aksChart().resolve("charts");
    try (Stream<Path> files = Files.list(vendored)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("the operator chart vendored as a directory, no archive")
          .containsExactly("socketx-operator");
    }
    assertThat(vendored.resolve("socketx-operator/Chart.yaml")).isRegularFile();
  }

  @Test
  void operatorOfTheExtensionNeitherSharesNamesNorResourcesWithASeparateOperator() {
    Rendered extension = HelmRunner.template(HelmRunner.aksChart(), Map.of());
    Rendered standalone = HelmRunner.template(Repo.OPERATOR_CHART, Map.of());

    Set<String> clusterScoped = new TreeSet<>();
    for (ObjectNode object : standalone.objects()) {
      if (object.at("/metadata/namespace").isMissingNode()) {
        clusterScoped.add(
            object.path("kind").asText() + "/" + object.at("/metadata/name").asText());
      }
    }
    for (ObjectNode object : extension.objects()) {
      String key = object.path("kind").asText() + "/" + object.at("/metadata/name").asText();
      assertThat(clusterScoped).as("cluster-scoped name of the extension").doesNotContain(key);
    }
    assertThat(extension.kinds()).doesNotContain("ClusterRole", "ClusterRoleBinding");
    assertThat(env(container(extension.single("Deployment")), "SOCKETX_WATCH_NAMESPACES"))
        .as("the extension's operator watches its own namespace only")
        .isEqualTo(HelmRunner.NAMESPACE);
  }

  @Test
  void invalidPortalDomainMapFailsNamingTheEntry() {
    Map<String, Object> settings =
        armSettings(
            "{\"api.example.com\": {\"upstream\": \"ws://api\"}}",
            "1",
            "info",
            "ClusterIP",
            "8080");

    assertThat(HelmRunner.templateFailure(HelmRunner.aksChart(), settings))
        .contains("domainMapBase64: entry \"api.example.com\": \"allowedOrigins\" is missing");
    assertThat(
            HelmRunner.templateFailure(
                HelmRunner.aksChart(),
                armSettings("{\"a.example.com\": ", "1", "info", "ClusterIP", "8080")))
        .contains("domainMapBase64: not valid JSON");
  }

  @Test
  void imagesComeFromAzuresImageMapAndBillingFromItsInjectedValues() {
    String digest = "sha256:" + "ef".repeat(32);
    Map<String, Object> global =
        Map.of(
            "azure",
            Map.of(
                "identity", Map.of("clientId", "client-id-1"),
                "marketplace", Map.of("planId", "payg"),
                "extension", Map.of("resourceId", "/subscriptions/s/extensions/socketx"),
                "images",
                    Map.of(
                        "socketxOperator",
                            Map.of(
                                "registry",
                                "mp.azurecr.io",
                                "image",
                                "socketx-operator",
                                "digest",
                                digest),
                        "socketxProxy",
                            Map.of(
                                "registry",
                                "mp.azurecr.io",
                                "image",
                                "socketx-proxy",
                                "digest",
                                digest))));

    Rendered rendered = HelmRunner.template(HelmRunner.aksChart(), Map.of("global", global));

    JsonNode operator = container(rendered.single("Deployment"));
    assertThat(operator.path("image").asText())
        .isEqualTo("mp.azurecr.io/socketx-operator@" + digest);
    assertThat(env(operator, "SOCKETX_PROXY_IMAGE"))
        .isEqualTo("mp.azurecr.io/socketx-proxy@" + digest);
    assertThat(rendered.single("SocketXProxy").at("/spec/image").asText())
        .isEqualTo("mp.azurecr.io/socketx-proxy@" + digest);
    assertThat(env(operator, "AZURE_CLIENT_ID")).isEqualTo("client-id-1");
    assertThat(env(operator, "BILLING_PLAN_ID")).isEqualTo("payg");
    assertThat(env(operator, "AZURE_RESOURCE_ID")).isEqualTo("/subscriptions/s/extensions/socketx");
    JsonNode billing = rendered.single("SocketXProxy").at("/spec/billing");
    assertThat(billing.path("strategy").asText()).isEqualTo("request_based");
    assertThat(billing.path("provider").asText()).isEqualTo("azure");
    assertThat(billing.path("product").asText()).isEqualTo("socketx");
    CustomResourceSchemas.check(rendered.single("SocketXProxy"));
    for (ObjectNode object : rendered.objects()) {
      assertThat(object.toString()).doesNotContain("ghcr.io");
    }
  }

  /** configurationSettings as the ARM template computes them: strings, the map base64-encoded. */
  private static Map<String, Object> armSettings(
      String domainMap, String replicas, String logLevel, String serviceType, String port) {
    return Map.of(
        "domainMapBase64",
        Base64.getEncoder().encodeToString(domainMap.getBytes(StandardCharsets.UTF_8)),
        "replicaCount",
        replicas,
        "logLevel",
        logLevel,
        "service",
        Map.of("type", serviceType, "port", port));
  }

  private JsonNode extension() {
    for (JsonNode resource : arm.path("resources")) {
      if (resource.path("type").asText().equals("Microsoft.KubernetesConfiguration/extensions")) {
        return resource;
      }
    }
    throw new AssertionError(
        "mainTemplate.json has no Microsoft.KubernetesConfiguration/extensions");
  }

  private JsonNode element(String step, String name) {
    for (JsonNode s : ui.at("/parameters/steps")) {
      if (s.path("name").asText().equals(step)) {
        for (JsonNode e : s.path("elements")) {
          if (e.path("name").asText().equals(name)) {
            return e;
          }
        }
      }
    }
    throw new AssertionError("createUIDefinition.json has no element " + step + "." + name);
  }

  private static List<String> allowedValues(JsonNode element) {
    List<String> values = new ArrayList<>();
    for (JsonNode option : element.at("/constraints/allowedValues")) {
      values.add(option.path("value").asText());
    }
    return values;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static Set<String> fieldNames(JsonNode object) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static String templatesText(Path dir) throws IOException {
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        text.append(Files.readString(file)).append('\n');
      }
    }
    return text.toString();
  }
}
