package io.socketx.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The offline validators reject what a real API server would reject. */
class ValidatorsTest {

  private static final String ROUTE =
      """
      apiVersion: socketx.io/v1alpha1
      kind: SocketXRoute
      metadata: {name: r, namespace: n}
      spec:
        proxyRef: {name: p}
        hosts: [%s]
        upstream: {url: %s}
        allowedOrigins: [%s]
      %s
      """;

  private static JsonNode route(String hosts, String url, String origins, String extra) {
    return HelmRunner.parse(ROUTE.formatted(hosts, url, origins, extra)).objects().get(0);
  }

  @Test
  void validRouteHasNoErrors() {
    CustomResourceSchemas.check(route("\"api.example.com\"", "ws://api:8080/ws", "\"*\"", ""));
  }

  static Stream<Arguments> invalidRoutes() {
    return Stream.of(
        Arguments.of(route("\"api.example.com\"", "http://api", "\"*\"", ""), "/spec/upstream/url"),
        Arguments.of(route("\"Bad Host\"", "ws://api", "\"*\"", ""), "/spec/hosts/0"),
        Arguments.of(
            route("\"a.example.com\"", "ws://api", "\"*.example.com\"", ""),
            "/spec/allowedOrigins/0"),
        Arguments.of(route("", "ws://api", "\"*\"", ""), "/spec/hosts: fewer than 1"),
        Arguments.of(
            route("\"a.example.com\"", "ws://api", "\"*\"", "  colour: blue"),
            "/spec/colour: unknown field"));
  }

  @ParameterizedTest
  @MethodSource("invalidRoutes")
  void crdSchemaRejectsInvalidRoutes(JsonNode route, String error) {
    assertThatThrownBy(() -> CustomResourceSchemas.check(route)).hasMessageContaining(error);
  }

  @Test
  void strictModelRejectsMisplacedFieldsAndWrongTypes() {
    JsonNode misplaced =
        HelmRunner.parse(
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                        - name: c
                          image: x:1
                          readinessProbe: {tcpSocket: {port: 8080}}
                      livenessProbe: {tcpSocket: {port: 8080}}
                """)
            .objects()
            .get(0);
    assertThatThrownBy(() -> StrictKubernetesModel.check(misplaced))
        .hasMessageContaining("livenessProbe");

    JsonNode wrongType =
        HelmRunner.parse(
                """
                apiVersion: v1
                kind: Service
                metadata: {name: s}
                spec:
                  ports: [{port: "8080"}]
                """)
            .objects()
            .get(0);
    assertThatThrownBy(() -> StrictKubernetesModel.check(wrongType)).hasMessageContaining("port");
    assertThat(StrictKubernetesModel.knows(wrongType)).isTrue();
  }
}
