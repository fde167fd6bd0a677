package io.socketx.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loads the generated CRDs and checks that instances a real API server would reject are rejected by
 * their schema, and that the documented examples are accepted.
 */
class CrdSchemaTest {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static final StructuralSchemaValidator VALIDATOR = new StructuralSchemaValidator();

  static JsonNode instance(String name) throws IOException {
    try (InputStream in = CrdSchemaTest.class.getResourceAsStream("/instances/" + name)) {
      return YAML.readTree(in);
    }
  }

  static List<String> errors(String crdName, JsonNode instance) {
    JSONSchemaProps schema = GeneratedCrds.schema(crdName);
    return VALIDATOR.validate(schema, instance);
  }

  @Test
  void acceptsFullExamples() throws IOException {
    assertThat(errors(GeneratedCrds.PROXIES, instance("proxy-full.yaml"))).isEmpty();
    assertThat(errors(GeneratedCrds.ROUTES, instance("route-full.yaml"))).isEmpty();
  }

  @Test
  void acceptsEveryExampleInTheOperatorGuide() throws IOException {
    String guide = Files.readString(Path.of("..", "docs", "operator.md"));
    Matcher blocks = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(guide);
    int examples = 0;
    while (blocks.find()) {
      for (JsonNode document :
          YAML.readValues(YAML.createParser(blocks.group(1)), JsonNode.class).readAll()) {
        String kind = document.path("kind").asText();
        String crd =
            switch (kind) {
              case "SocketXProxy" -> GeneratedCrds.PROXIES;
              case "SocketXRoute" -> GeneratedCrds.ROUTES;
              case "SocketXRouteGrant" -> GeneratedCrds.GRANTS;
              default -> null;
            };
        if (crd != null) {
          assertThat(errors(crd, document)).as("example %s", document.path("metadata")).isEmpty();
          examples++;
        }
      }
    }
    assertThat(examples).as("examples in docs/operator.md").isGreaterThanOrEqualTo(3);
  }

  @Test
  void grantsNeedAtLeastOneNamespaceToAdmit() throws IOException {
    JsonNode valid = YAML.readTree("{spec: {from: [{namespace: team-a}], to: [{name: chat}]}}");
    JsonNode noFrom = YAML.readTree("{spec: {from: [], to: [{name: chat}]}}");
    JsonNode badNamespace = YAML.readTree("{spec: {from: [{namespace: Team_A}]}}");
    assertThat(errors(GeneratedCrds.GRANTS, valid)).isEmpty();
    assertThat(errors(GeneratedCrds.GRANTS, noFrom)).anyMatch(e -> e.startsWith(".spec.from"));
    assertThat(errors(GeneratedCrds.GRANTS, badNamespace))
        .anyMatch(e -> e.startsWith(".spec.from[0].namespace"));
  }

  @Test
  void acceptsMinimalResources() throws IOException {
    JsonNode proxy =
        YAML.readTree("{apiVersion: socketx.io/v1alpha1, kind: SocketXProxy, spec: {}}");
    JsonNode route =
        YAML.readTree(
            "{spec: {proxyRef: {name: edge}, hosts: ['*'], upstream: {service: {name: chat,"
                + " port: 80}}, allowedOrigins: ['*']}}");
    assertThat(errors(GeneratedCrds.PROXIES, proxy)).isEmpty();
    assertThat(errors(GeneratedCrds.ROUTES, route)).isEmpty();
  }

  /** A mutation of a valid example and the field path the API server would complain about. */
  record Case(String description, String example, String pointer, Object value, String field) {
    @Override
    public String toString() {
      return description;
    }
  }

  static final Object REMOVE = new Object();

  static Stream<Arguments> invalidResources() {
    return Stream.of(
            // SocketXRoute
            new Case(
                "route without hosts", "route-full.yaml", "/spec/hosts", REMOVE, ".spec.hosts"),
            new Case(
                "route with empty hosts",
                "route-full.yaml",
                "/spec/hosts",
                List.of(),
                ".spec.hosts"),
            new Case(
                "host with upper case",
                "route-full.yaml",
                "/spec/hosts",
                List.of("Chat.Example.com"),
                ".spec.hosts[0]"),
            new Case(
                "host with scheme",
                "route-full.yaml",
                "/spec/hosts",
                List.of("https://chat.example.com"),
                ".spec.hosts[0]"),
            new Case(
                "wildcard in the middle",
                "route-full.yaml",
                "/spec/hosts",
                List.of("chat.*.example.com"),
                ".spec.hosts[0]"),
            new Case(
                "host with path",
                "route-full.yaml",
                "/spec/hosts",
                List.of("chat.example.com/ws"),
                ".spec.hosts[0]"),
            new Case(
                "route without proxyRef",
                "route-full.yaml",
                "/spec/proxyRef",
                REMOVE,
                ".spec.proxyRef"),
            new Case(
                "proxyRef without name",
                "route-full.yaml",
                "/spec/proxyRef",
                Map.of("namespace", "x"),
                ".spec.proxyRef.name"),
            new Case(
                "proxyRef with bad name",
                "route-full.yaml",
                "/spec/proxyRef/name",
                "Edge_1",
                ".spec.proxyRef.name"),
            new Case(
                "http upstream",
                "route-full.yaml",
                "/spec/upstream",
                Map.of("url", "http://chat:80"),
                ".spec.upstream.url"),
            new Case(
                "upstream without host",
                "route-full.yaml",
                "/spec/upstream",
                Map.of("url", "ws:///path"),
                ".spec.upstream.url"),
            new Case(
                "upstream with url and service",
                "route-full.yaml",
                "/spec/upstream",
                Map.of("url", "ws://a", "service", Map.of("name", "a", "port", 80)),
                ".spec.upstream: exactly one"),
            new Case(
                "upstream with neither",
                "route-full.yaml",
                "/spec/upstream",
                Map.of(),
                ".spec.upstream: exactly one"),
            new Case(
                "service port out of range",
                "route-full.yaml",
                "/spec/upstream",
                Map.of("service", Map.of("name", "a", "port", 70000)),
                ".spec.upstream.service.port"),
            new Case(
                "service without port",
                "route-full.yaml",
                "/spec/upstream",
                Map.of("service", Map.of("name", "a")),
                ".spec.upstream.service.port"),
            new Case(
                "service scheme http",
                "route-full.yaml",
                "/spec/upstream",
                Map.of("service", Map.of("name", "a", "port", 80, "scheme", "http")),
                ".spec.upstream.service.scheme"),
            new Case(
                "service path without slash",
                "route-full.yaml",
                "/spec/upstream",
                Map.of("service", Map.of("name", "a", "port", 80, "path", "ws")),
                ".spec.upstream.service.path"),
            new Case(
                "route without allowedOrigins",
                "route-full.yaml",
                "/spec/allowedOrigins",
                REMOVE,
                ".spec.allowedOrigins"),
            new Case(
                "origin with path",
                "route-full.yaml",
                "/spec/allowedOrigins",
                List.of("https://app.example.com/"),
                ".spec.allowedOrigins[0]"),
            new Case(
                "origin without scheme",
                "route-full.yaml",
                "/spec/allowedOrigins",
                List.of("app.example.com"),
                ".spec.allowedOrigins[0]"),
            new Case(
                "origin with ws scheme",
                "route-full.yaml",
                "/spec/allowedOrigins",
                List.of("ws://app.example.com"),
                ".spec.allowedOrigins[0]"),
            // SocketXProxy
            new Case(
                "negative replicas", "proxy-full.yaml", "/spec/replicas", -1, ".spec.replicas"),
            new Case(
                "replicas as string", "proxy-full.yaml", "/spec/replicas", "3", ".spec.replicas"),
            new Case(
                "kyber strength 256",
                "proxy-full.yaml",
                "/spec/kyberStrength",
                256,
                ".spec.kyberStrength"),
            new Case(
                "decoder window 0",
                "proxy-full.yaml",
                "/spec/decoderWindowSize",
                0,
                ".spec.decoderWindowSize"),
            new Case(
                "log level trace", "proxy-full.yaml", "/spec/logLevel", "trace", ".spec.logLevel"),
            new Case(
                "pull policy lower case",
                "proxy-full.yaml",
                "/spec/imagePullPolicy",
                "always",
                ".spec.imagePullPolicy"),
            new Case(
                "service type ExternalName",
                "proxy-full.yaml",
                "/spec/service/type",
                "ExternalName",
                ".spec.service.type"),
            new Case(
                "service port 0", "proxy-full.yaml", "/spec/service/port", 0, ".spec.service.port"),
            new Case(
                "node port below range",
                "proxy-full.yaml",
                "/spec/service/nodePort",
                80,
                ".spec.service.nodePort"),
            new Case(
                "node port with ClusterIP",
                "proxy-full.yaml",
                "/spec/service/type",
                "ClusterIP",
                ".spec.service: nodePort requires"),
            new Case(
                "duration without unit",
                "proxy-full.yaml",
                "/spec/timeouts/clientPingInterval",
                "30",
                ".spec.timeouts.clientPingInterval"),
            new Case(
                "duration in days",
                "proxy-full.yaml",
                "/spec/timeouts/writeTimeout",
                "1d",
                ".spec.timeouts.writeTimeout"),
            new Case(
                "tiny read buffer",
                "proxy-full.yaml",
                "/spec/buffers/readBufferSize",
                16,
                ".spec.buffers.readBufferSize"),
            new Case(
                "unknown billing strategy",
                "proxy-full.yaml",
                "/spec/billing/strategy",
                "per_byte",
                ".spec.billing.strategy"),
            new Case(
                "unknown billing provider",
                "proxy-full.yaml",
                "/spec/billing/provider",
                "aws",
                ".spec.billing.provider"),
            new Case(
                "request_based billing without provider",
                "proxy-full.yaml",
                "/spec/billing",
                Map.of("strategy", "request_based"),
                ".spec.billing: strategy request_based requires"),
            new Case(
                "billing interval without unit",
                "proxy-full.yaml",
                "/spec/billing/reportInterval",
                "15",
                ".spec.billing.reportInterval"),
            new Case(
                "route namespaces List without names",
                "proxy-full.yaml",
                "/spec/allowedRoutes",
                Map.of("from", "List"),
                ".spec.allowedRoutes: namespaces must be set"),
            new Case(
                "route namespaces with from All",
                "proxy-full.yaml",
                "/spec/allowedRoutes",
                Map.of("from", "All", "namespaces", List.of("a")),
                ".spec.allowedRoutes: namespaces must be set"),
            new Case(
                "route namespaces from Others",
                "proxy-full.yaml",
                "/spec/allowedRoutes/from",
                "Others",
                ".spec.allowedRoutes.from"),
            new Case(
                "default route without upstream",
                "proxy-full.yaml",
                "/spec/defaultRoute",
                Map.of("allowedOrigins", List.of("*")),
                ".spec.defaultRoute.upstream"),
            new Case(
                "default route with bad origin",
                "proxy-full.yaml",
                "/spec/defaultRoute/allowedOrigins",
                List.of("*.example.com"),
                ".spec.defaultRoute.allowedOrigins[0]"),
            new Case(
                "upstream allow rule with a comma",
                "proxy-full.yaml",
                "/spec/upstreamPolicy",
                Map.of("allow", List.of("10.0.0.0/8,127.0.0.1")),
                ".spec.upstreamPolicy.allow[0]"),
            new Case(
                "wildcard namespace not a DNS label",
                "proxy-full.yaml",
                "/spec/wildcardNamespaces",
                List.of("Team_A"),
                ".spec.wildcardNamespaces[0]"),
            new Case(
                "service namespace not a DNS label",
                "route-full.yaml",
                "/spec/upstream",
                Map.of("service", Map.of("name", "chat", "port", 80, "namespace", "Team_B")),
                ".spec.upstream.service.namespace"),
            new Case(
                "toleration seconds as string",
                "proxy-full.yaml",
                "/spec/tolerations",
                List.of(Map.of("key", "a", "tolerationSeconds", "x")),
                ".spec.tolerations[0].tolerationSeconds"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidResources")
  void rejectsInvalidResource(Case c) throws IOException {
    JsonNode resource = instance(c.example());
    apply(resource, c.pointer(), c.value());
    String crd = c.example().startsWith("proxy") ? GeneratedCrds.PROXIES : GeneratedCrds.ROUTES;
    assertThat(errors(crd, resource)).as(c.description()).anyMatch(e -> e.startsWith(c.field()));
  }

  private static void apply(JsonNode root, String pointer, Object value) {
    int slash = pointer.lastIndexOf('/');
    ObjectNode parent = (ObjectNode) root.at(pointer.substring(0, slash));
    String field = pointer.substring(slash + 1);
    if (value == REMOVE) {
      parent.remove(field);
    } else {
      parent.set(field, YAML.valueToTree(value));
    }
  }

  @Test
  void everyOwnFieldHasADescription() {
    for (String crd : List.of(GeneratedCrds.PROXIES, GeneratedCrds.ROUTES, GeneratedCrds.GRANTS)) {
      JSONSchemaProps spec = GeneratedCrds.schema(crd).getProperties().get("spec");
      JSONSchemaProps status = GeneratedCrds.schema(crd).getProperties().get("status");
      assertDescribed(spec, ".spec");
      assertDescribed(status, ".status");
    }
  }

  /**
   * Kubernetes' own types (affinity, tolerations, ...) are described at the field that holds them.
   */
  private static final List<String> KUBERNETES_TYPES =
      List.of(
          ".spec.resources",
          ".spec.affinity",
          ".spec.tolerations",
          ".spec.topologySpreadConstraints",
          ".spec.imagePullSecrets",
          ".spec.allowedRoutes.selector");

  private static void assertDescribed(JSONSchemaProps schema, String path) {
    if (schema.getProperties() == null) {
      return;
    }
    schema
        .getProperties()
        .forEach(
            (name, child) -> {
              String childPath = path + "." + name;
              assertThat(child.getDescription()).as("description of " + childPath).isNotBlank();
              if (KUBERNETES_TYPES.contains(childPath)) {
                return;
              }
              assertDescribed(child, childPath);
              if (child.getItems() != null && child.getItems().getSchema() != null) {
                assertDescribed(child.getItems().getSchema(), childPath + "[]");
              }
            });
  }

  @Test
  void proxyHasScaleSubresourceAndPrinterColumns() {
    var version = GeneratedCrds.load(GeneratedCrds.PROXIES).getSpec().getVersions().get(0);
    var scale = version.getSubresources().getScale();
    assertThat(scale.getSpecReplicasPath()).isEqualTo(".spec.replicas");
    assertThat(scale.getStatusReplicasPath()).isEqualTo(".status.replicas");
    assertThat(scale.getLabelSelectorPath()).isEqualTo(".status.selector");
    assertThat(version.getAdditionalPrinterColumns())
        .extracting(c -> c.getName())
        .containsExactlyInAnyOrder("Replicas", "Ready", "Routes", "Status", "Fingerprint", "Age");
    var routeColumns =
        GeneratedCrds.load(GeneratedCrds.ROUTES)
            .getSpec()
            .getVersions()
            .get(0)
            .getAdditionalPrinterColumns();
    assertThat(routeColumns)
        .extracting(c -> c.getName())
        .containsExactlyInAnyOrder("Hosts", "Upstream", "Proxy", "Accepted", "Reason", "Age");
  }
}
