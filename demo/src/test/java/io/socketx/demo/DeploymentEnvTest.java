package io.socketx.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

class DeploymentEnvTest {

  private static Deployment withEnv(io.fabric8.kubernetes.api.model.EnvVar... vars) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("edge")
        .withNamespace("apps")
        .endMetadata()
        .withNewSpec()
        .withNewTemplate()
        .withNewSpec()
        .addNewContainer()
        .withName("proxy")
        .withEnv(vars)
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  @Test
  void literalValuesAndDownwardApiFieldsResolveForTheChosenPod() {
    Deployment d =
        withEnv(
            new EnvVarBuilder().withName("LOG_LEVEL").withValue("debug").build(),
            new EnvVarBuilder().withName("EMPTY").build(),
            new EnvVarBuilder()
                .withName("POD_NAME")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("metadata.name")
                .endFieldRef()
                .endValueFrom()
                .build(),
            new EnvVarBuilder()
                .withName("POD_NAMESPACE")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("metadata.namespace")
                .endFieldRef()
                .endValueFrom()
                .build());

    assertThat(DeploymentEnv.of(d, "edge-0"))
        .containsExactly(
            java.util.Map.entry("LOG_LEVEL", "debug"),
            java.util.Map.entry("EMPTY", ""),
            java.util.Map.entry("POD_NAME", "edge-0"),
            java.util.Map.entry("POD_NAMESPACE", "apps"));
  }

  @Test
  void aSecretReferenceCannotBeResolvedLocallyAndSaysWhich() {
    Deployment d =
        withEnv(
            new EnvVarBuilder()
                .withName("MTE_LICENSE_KEY")
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName("license")
                .withKey("key")
                .endSecretKeyRef()
                .endValueFrom()
                .build());

    assertThatThrownBy(() -> DeploymentEnv.of(d, "edge-0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MTE_LICENSE_KEY");
  }
}
