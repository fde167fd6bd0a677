package io.socketx.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The Kubernetes objects one `helm template` produced, parsed, in output order. */
record Rendered(List<ObjectNode> objects) {

  List<ObjectNode> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  ObjectNode single(String kind) {
    List<ObjectNode> found = ofKind(kind);
    assertThat(found).as("exactly one %s rendered", kind).hasSize(1);
    return found.get(0);
  }

  List<String> kinds() {
    return objects.stream().map(o -> o.path("kind").asText()).toList();
  }

  /** The first container of a Deployment's pod template. */
  static JsonNode container(JsonNode deployment) {
    return deployment.at("/spec/template/spec/containers/0");
  }

  /** A container's environment variable value, or null when it is not set by value. */
  static String env(JsonNode container, String name) {
    for (JsonNode e : container.path("env")) {
      if (name.equals(e.path("name").asText())) {
        return e.has("value") ? e.path("value").asText() : null;
      }
    }
    return null;
  }

  static boolean hasEnv(JsonNode container, String name) {
    for (JsonNode e : container.path("env")) {
      if (name.equals(e.path("name").asText())) {
        return true;
      }
    }
    return false;
  }
}
