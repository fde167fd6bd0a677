package io.socketx.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** What every object our charts render must satisfy, checked the same way for every chart. */
final class WorkloadConventions {

  static final List<String> STANDARD_LABELS =
      List.of(
          "app.kubernetes.io/name",
          "app.kubernetes.io/instance",
          "app.kubernetes.io/version",
          "app.kubernetes.io/managed-by",
          "helm.sh/chart");

  /** An image is repository:tag or repository@sha256:digest, never an implicit latest. */
  static final String IMAGE_REFERENCE =
      "^[a-z0-9.\\-/:]+(:[A-Za-z0-9._\\-]+|@sha256:[a-f0-9]{64})$";

  private WorkloadConventions() {}

  static void assertAll(Rendered rendered) {
    assertThat(rendered.objects()).isNotEmpty();
    for (ObjectNode object : rendered.objects()) {
      assertStandardLabels(object);
      if (StrictKubernetesModel.knows(object)) {
        StrictKubernetesModel.check(object);
      }
    }
    for (ObjectNode deployment : rendered.ofKind("Deployment")) {
      assertHardenedPod(deployment);
    }
  }

  static void assertStandardLabels(JsonNode object) {
    JsonNode labels = object.at("/metadata/labels");
    String what = object.path("kind").asText() + " " + object.at("/metadata/name").asText();
    for (String label : STANDARD_LABELS) {
      assertThat(labels.path(label).asText()).as("%s label %s", what, label).isNotBlank();
    }
  }

  /** Non-root, read-only, no privilege escalation, probes, resources, pinned image. */
  static void assertHardenedPod(JsonNode deployment) {
    String name = deployment.at("/metadata/name").asText();
    JsonNode pod = deployment.at("/spec/template/spec");
    assertThat(deployment.at("/spec/selector/matchLabels").size()).as(name).isPositive();
    deployment
        .at("/spec/selector/matchLabels")
        .properties()
        .forEach(
            l ->
                assertThat(deployment.at("/spec/template/metadata/labels").path(l.getKey()))
                    .as("%s pod template carries selector label %s", name, l.getKey())
                    .isEqualTo(l.getValue()));
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(name).isTrue();
    assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    for (JsonNode container : pod.path("containers")) {
      String what = name + "/" + container.path("name").asText();
      JsonNode sc = container.path("securityContext");
      assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true)).as(what).isFalse();
      assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).as(what).isTrue();
      assertThat(sc.at("/capabilities/drop").toString()).as(what).contains("\"ALL\"");
      assertThat(container.has("livenessProbe")).as("%s liveness probe", what).isTrue();
      assertThat(container.has("readinessProbe")).as("%s readiness probe", what).isTrue();
      assertThat(container.at("/resources/requests/memory").asText()).as(what).isNotBlank();
      assertThat(container.at("/resources/limits/memory").asText()).as(what).isNotBlank();
      assertThat(container.path("image").asText()).as(what).matches(IMAGE_REFERENCE);
    }
  }
}
