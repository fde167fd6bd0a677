package io.socketx.operator.model;

import static io.socketx.operator.Fixtures.proxy;
import static io.socketx.operator.model.DesiredResourcesTest.env;
import static io.socketx.operator.model.DesiredResourcesTest.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.socketx.contract.env.ProxyEnv;
import io.socketx.crd.IdentitySpec;
import io.socketx.crd.SocketXProxy;
import io.socketx.crd.TlsSpec;
import io.socketx.crd.TlsVersion;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Identity and TLS Secrets in the pod template, and the placement fields passed through. */
class SecretMountsTest {

  static PodSpec pod(SocketXProxy proxy) {
    return DeploymentModel.desired(plan(proxy)).getSpec().getTemplate().getSpec();
  }

  static Map<String, String> secretVolumes(PodSpec pod) {
    return pod.getVolumes().stream()
        .filter(v -> v.getSecret() != null)
        .collect(Collectors.toMap(Volume::getName, v -> v.getSecret().getSecretName()));
  }

  static Map<String, VolumeMount> mounts(Container container) {
    return container.getVolumeMounts().stream()
        .collect(Collectors.toMap(VolumeMount::getName, m -> m));
  }

  @ParameterizedTest(name = "spec.identity.secretName={0} mounts Secret {1}")
  @CsvSource(
      nullValues = "null",
      value = {"null, edge-identity", "my-key, my-key"})
  void everyReplicaMountsTheIdentitySecretReadOnlyAndIsToldTheFile(
      String secretName, String mounted) {
    SocketXProxy proxy = proxy("apps", "edge");
    if (secretName != null) {
      IdentitySpec identity = new IdentitySpec();
      identity.setSecretName(secretName);
      proxy.getSpec().setIdentity(identity);
    }
    PodSpec pod = pod(proxy);
    assertThat(secretVolumes(pod)).containsExactly(Map.entry("identity", mounted));
    assertThat(
            pod.getVolumes().stream()
                .filter(v -> v.getSecret() != null)
                .findFirst()
                .orElseThrow()
                .getSecret()
                .getDefaultMode())
        .isEqualTo(0440);
    VolumeMount mount = mounts(pod.getContainers().get(0)).get("identity");
    assertThat(mount.getReadOnly()).isTrue();
    assertThat(mount.getSubPath()).as("a subPath mount would never see a rotated key").isNull();
    assertThat(env(DeploymentModel.desired(plan(proxy))))
        .containsEntry("IDENTITY_KEY_FILE", mount.getMountPath() + "/identity.pem");
  }

  @Test
  void tlsMountsTheSecretSetsTheProxysVariablesWhileProbesStayOnThePlainAdminPort() {
    SocketXProxy proxy = proxy("apps", "edge");
    TlsSpec tls = new TlsSpec();
    tls.setSecretName("edge-tls");
    tls.setMinVersion(TlsVersion.TLS_1_3);
    proxy.getSpec().setTls(tls);
    var deployment = DeploymentModel.desired(plan(proxy));
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);

    assertThat(secretVolumes(pod)).containsEntry("tls", "edge-tls");
    assertThat(mounts(container).get("tls").getReadOnly()).isTrue();
    Map<String, String> env = env(deployment);
    assertThat(env)
        .containsEntry("TLS_CERT_FILE", "/etc/socketx/tls/tls.crt")
        .containsEntry("TLS_KEY_FILE", "/etc/socketx/tls/tls.key")
        .containsEntry("TLS_MIN_VERSION", "1.3");
    // the values are ones the proxy accepts
    assertThat(ProxyEnv.TLS_MIN_VERSION.read(env)).isEqualTo("1.3");
    assertThat(container.getPorts().get(0).getName()).isEqualTo("https");
    // the admin listener (/readyz) is plain HTTP on its own port, TLS or not
    assertThat(container.getReadinessProbe().getHttpGet().getScheme()).isNull();
    assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("admin");

    var port = ServiceModel.desired(plan(proxy)).getSpec().getPorts().get(0);
    assertThat(port.getName()).isEqualTo("https");
    assertThat(port.getAppProtocol()).isEqualTo("https");
    assertThat(port.getTargetPort().getStrVal()).isEqualTo("https");
  }

  @Test
  void withoutTlsThereIsNoTlsVolumeAndProbesStayPlain() {
    PodSpec pod = pod(proxy("apps", "edge"));
    assertThat(secretVolumes(pod)).doesNotContainKey("tls");
    assertThat(pod.getContainers().get(0).getReadinessProbe().getHttpGet().getPort().getStrVal())
        .isEqualTo("admin");
    assertThat(env(DeploymentModel.desired(plan(proxy("apps", "edge")))))
        .doesNotContainKeys("TLS_CERT_FILE", "TLS_KEY_FILE", "TLS_MIN_VERSION");
  }

  @Test
  void podTemplateNamesTheSecretsButNeverHoldsTheirContent() {
    SocketXProxy proxy = proxy("apps", "edge");
    String before = Serialization.asJson(pod(proxy));
    IdentitySpec identity = new IdentitySpec();
    identity.setRotate("2026-12-03");
    identity.setRotationOverlap("1h");
    proxy.getSpec().setIdentity(identity);
    // a rotation request or overlap changes the Secret, never the pods
    assertThat(Serialization.asJson(pod(proxy))).isEqualTo(before);
  }

  @Test
  void placementFieldsArePassedThroughToThePods() {
    SocketXProxy proxy = proxy("apps", "edge");
    var spec = proxy.getSpec();
    spec.setResources(
        new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("2")).build());
    spec.setNodeSelector(Map.of("pool", "edge"));
    spec.setTolerations(
        List.of(new TolerationBuilder().withKey("edge").withOperator("Exists").build()));
    spec.setTopologySpreadConstraints(
        List.of(
            new TopologySpreadConstraintBuilder()
                .withMaxSkew(1)
                .withTopologyKey("topology.kubernetes.io/zone")
                .withWhenUnsatisfiable("ScheduleAnyway")
                .withNewLabelSelector()
                .withMatchLabels(Map.of("app.kubernetes.io/instance", "edge"))
                .endLabelSelector()
                .build()));
    spec.setPriorityClassName("socketx-critical");

    PodSpec pod = pod(proxy);
    assertThat(pod.getContainers().get(0).getResources().getRequests())
        .containsEntry("cpu", new Quantity("2"));
    assertThat(pod.getNodeSelector()).containsEntry("pool", "edge");
    assertThat(pod.getTolerations()).extracting("key").containsExactly("edge");
    assertThat(pod.getTopologySpreadConstraints())
        .singleElement()
        .extracting("topologyKey")
        .isEqualTo("topology.kubernetes.io/zone");
    assertThat(pod.getPriorityClassName()).isEqualTo("socketx-critical");
  }
}
