package io.socketx.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretVolumesTest {
  @TempDir Path tmp;

  static final Deployment DEPLOYMENT =
      new DeploymentBuilder()
          .withNewMetadata()
          .withName("edge")
          .withNamespace("apps")
          .endMetadata()
          .withNewSpec()
          .withNewTemplate()
          .withNewSpec()
          .addNewContainer()
          .withName("proxy")
          .addNewVolumeMount()
          .withName("identity")
          .withMountPath("/etc/socketx/identity")
          .endVolumeMount()
          .addNewVolumeMount()
          .withName("tmp")
          .withMountPath("/tmp")
          .endVolumeMount()
          .endContainer()
          .addNewVolume()
          .withName("identity")
          .withNewSecret()
          .withSecretName("edge-identity")
          .endSecret()
          .endVolume()
          .addNewVolume()
          .withName("tmp")
          .withNewEmptyDir()
          .endEmptyDir()
          .endVolume()
          .endSpec()
          .endTemplate()
          .endSpec()
          .build();

  static Secret secret(String content) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("edge-identity")
        .endMetadata()
        .addToData(
            "identity.pem",
            Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.US_ASCII)))
        .build();
  }

  @Test
  void writesTheSecretAndPointsVariablesUnderItsMountThereAndRewritesOnChange() throws Exception {
    Map<String, Secret> cluster = new HashMap<>(Map.of("edge-identity", secret("first")));
    SecretVolumes volumes = new SecretVolumes(cluster::get, DEPLOYMENT, tmp);
    volumes.write();
    Map<String, String> env =
        volumes.rewrite(
            Map.of(
                "IDENTITY_KEY_FILE", "/etc/socketx/identity/identity.pem",
                "SCRATCH", "/tmp/x",
                "LOG_LEVEL", "info"));

    Path file = Path.of(env.get("IDENTITY_KEY_FILE"));
    assertThat(file).startsWith(tmp).hasContent("first");
    assertThat(env).containsEntry("SCRATCH", "/tmp/x").containsEntry("LOG_LEVEL", "info");

    cluster.put("edge-identity", secret("second"));
    volumes.write();
    assertThat(Files.readString(file)).isEqualTo("second");
  }

  @Test
  void aMissingSecretIsNamedAsAPodWouldWaitForIt() {
    SecretVolumes volumes = new SecretVolumes(name -> null, DEPLOYMENT, tmp);
    assertThatThrownBy(volumes::write).hasMessageContaining("Secret edge-identity does not exist");
  }
}
