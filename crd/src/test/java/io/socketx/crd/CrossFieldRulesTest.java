package io.socketx.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CEL text in the CRDs, evaluated by cel-java, and the operator's Java checks decide every case
 * the same way — so a cluster without CEL (1.20–1.24) refuses, through the operator, exactly what a
 * cluster with CEL refuses at admission.
 */
class CrossFieldRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> proxySpecs() {
    return Stream.of(
        // rule, the object the rule sits on, inside a proxy spec at field, expected outcome
        Arguments.of(CrossFieldRules.NODE_PORT_NEEDS_TYPE, "service", "{}", true),
        Arguments.of(
            CrossFieldRules.NODE_PORT_NEEDS_TYPE, "service", "{\"nodePort\":30080}", false),
        Arguments.of(
            CrossFieldRules.NODE_PORT_NEEDS_TYPE,
            "service",
            "{\"type\":\"ClusterIP\",\"nodePort\":30080}",
            false),
        Arguments.of(
            CrossFieldRules.NODE_PORT_NEEDS_TYPE,
            "service",
            "{\"type\":\"NodePort\",\"nodePort\":30080}",
            true),
        Arguments.of(
            CrossFieldRules.NODE_PORT_NEEDS_TYPE,
            "service",
            "{\"type\":\"LoadBalancer\",\"nodePort\":30080}",
            true),
        Arguments.of(
            CrossFieldRules.NODE_PORT_NEEDS_TYPE, "service", "{\"type\":\"ClusterIP\"}", true),
        Arguments.of(CrossFieldRules.REQUEST_BASED_NEEDS_PROVIDER, "billing", "{}", true),
        Arguments.of(
            CrossFieldRules.REQUEST_BASED_NEEDS_PROVIDER,
            "billing",
            "{\"strategy\":\"none\"}",
            true),
        Arguments.of(
            CrossFieldRules.REQUEST_BASED_NEEDS_PROVIDER,
            "billing",
            "{\"strategy\":\"request_based\"}",
            false),
        Arguments.of(
            CrossFieldRules.REQUEST_BASED_NEEDS_PROVIDER,
            "billing",
            "{\"strategy\":\"request_based\",\"provider\":\"azure\"}",
            true),
        Arguments.of(CrossFieldRules.LIST_NEEDS_NAMESPACES, "allowedRoutes", "{}", true),
        Arguments.of(
            CrossFieldRules.LIST_NEEDS_NAMESPACES, "allowedRoutes", "{\"from\":\"All\"}", true),
        Arguments.of(
            CrossFieldRules.LIST_NEEDS_NAMESPACES, "allowedRoutes", "{\"from\":\"List\"}", false),
        Arguments.of(
            CrossFieldRules.LIST_NEEDS_NAMESPACES,
            "allowedRoutes",
            "{\"from\":\"List\",\"namespaces\":[]}",
            false),
        Arguments.of(
            CrossFieldRules.LIST_NEEDS_NAMESPACES,
            "allowedRoutes",
            "{\"from\":\"List\",\"namespaces\":[\"team-a\"]}",
            true),
        Arguments.of(
            CrossFieldRules.LIST_NEEDS_NAMESPACES,
            "allowedRoutes",
            "{\"from\":\"Same\",\"namespaces\":[\"team-a\"]}",
            false),
        Arguments.of(
            CrossFieldRules.LIST_NEEDS_NAMESPACES,
            "allowedRoutes",
            "{\"namespaces\":[\"team-a\"]}",
            false));
  }

  @ParameterizedTest(name = "{1} {2} -> {3}")
  @MethodSource("proxySpecs")
  void celAndTheOperatorAgreeOnProxySpecs(String rule, String field, String json, boolean valid)
      throws Exception {
    JsonNode self = JSON.readTree(json);
    assertThat(new CelRule(rule).test(self)).as("CEL").isEqualTo(valid);

    SocketXProxySpec spec =
        JSON.treeToValue(JSON.createObjectNode().set(field, self), SocketXProxySpec.class);
    List<CrossFieldRules.Violation> violations = CrossFieldRules.check(spec);
    if (valid) {
      assertThat(violations).as("operator").isEmpty();
    } else {
      assertThat(violations)
          .as("operator")
          .singleElement()
          .satisfies(v -> assertThat(v.field()).isEqualTo("spec." + field));
    }
  }

  static Stream<Arguments> upstreams() {
    return Stream.of(
        Arguments.of("{\"url\":\"ws://echo:8080/\"}", true),
        Arguments.of("{\"service\":{\"name\":\"echo\",\"port\":8080}}", true),
        Arguments.of("{}", false),
        Arguments.of(
            "{\"url\":\"ws://echo:8080/\",\"service\":{\"name\":\"echo\",\"port\":8080}}", false));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("upstreams")
  void celAndTheOperatorAgreeOnUpstreams(String json, boolean valid) throws Exception {
    JsonNode self = JSON.readTree(json);
    assertThat(new CelRule(CrossFieldRules.UPSTREAM_ONE_OF).test(self)).as("CEL").isEqualTo(valid);
    UpstreamSpec upstream = JSON.treeToValue(self, UpstreamSpec.class);
    assertThat(CrossFieldRules.check(upstream).isEmpty()).as("operator").isEqualTo(valid);
  }

  @Test
  void theCrdsCarryExactlyTheRulesTheOperatorChecks() {
    Set<String> rules = new HashSet<>();
    collectRules(GeneratedCrds.schema(GeneratedCrds.PROXIES), rules);
    collectRules(GeneratedCrds.schema(GeneratedCrds.ROUTES), rules);
    assertThat(rules)
        .containsExactlyInAnyOrder(
            CrossFieldRules.UPSTREAM_ONE_OF,
            CrossFieldRules.NODE_PORT_NEEDS_TYPE,
            CrossFieldRules.REQUEST_BASED_NEEDS_PROVIDER,
            CrossFieldRules.LIST_NEEDS_NAMESPACES);
  }

  static void collectRules(JSONSchemaProps schema, Set<String> rules) {
    if (schema == null) {
      return;
    }
    if (schema.getXKubernetesValidations() != null) {
      schema.getXKubernetesValidations().forEach(r -> rules.add(r.getRule()));
    }
    if (schema.getProperties() != null) {
      schema.getProperties().values().forEach(child -> collectRules(child, rules));
    }
    if (schema.getItems() != null) {
      collectRules(schema.getItems().getSchema(), rules);
    }
    if (schema.getAdditionalProperties() != null) {
      collectRules(schema.getAdditionalProperties().getSchema(), rules);
    }
  }
}
