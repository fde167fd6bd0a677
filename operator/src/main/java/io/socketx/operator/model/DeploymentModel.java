package io.socketx.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.socketx.crd.SocketXProxySpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The desired proxy Deployment. Its pod template depends only on the proxy spec, never on the
 * routes, so a route change leaves running pods alone.
 */
public final class DeploymentModel {
  public static final String CONTAINER_NAME = "proxy";
  public static final String PORT_NAME = "http";

  /** The admin port: probes and Prometheus scrapes, never exposed by the Service. */
  public static final String ADMIN_PORT_NAME = "admin";

  /** The container and Service port's name when the proxy serves wss:// (spec.tls). */
  public static final String TLS_PORT_NAME = "https";

  public static final long RUN_AS_USER = 10001L;

  /** Seconds a terminating pod may drain open connections. */
  public static final long TERMINATION_GRACE_SECONDS = 45L;

  public static Deployment desired(ProxyPlan plan) {
    ProxyNames names = plan.names();
    SocketXProxySpec spec = plan.proxy().getSpec();
    Map<String, String> podAnnotations = new LinkedHashMap<>();
    podAnnotations.put("prometheus.io/scrape", "true");
    podAnnotations.put("prometheus.io/port", String.valueOf(ProxyEnvironment.ADMIN_PORT));
    podAnnotations.put("prometheus.io/path", "/metrics");
    if (spec.getPodAnnotations() != null) {
      podAnnotations.putAll(spec.getPodAnnotations());
    }
    return new DeploymentBuilder()
        .withMetadata(names.metadata(names.workload()))
        .withNewSpec()
        .withReplicas(plan.replicas())
        .withNewSelector()
        .withMatchLabels(names.selectorLabels())
        .endSelector()
        .withNewStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxUnavailable(new IntOrString(0))
        .withMaxSurge(new IntOrString(1))
        .endRollingUpdate()
        .endStrategy()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(podLabels(spec.getPodLabels(), names.labels()))
        .withAnnotations(podAnnotations)
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(names.workload())
        .withAutomountServiceAccountToken(true)
        .withTerminationGracePeriodSeconds(TERMINATION_GRACE_SECONDS)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(RUN_AS_USER)
        .withRunAsGroup(RUN_AS_USER)
        .withFsGroup(RUN_AS_USER)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .withImagePullSecrets(spec.getImagePullSecrets())
        .withNodeSelector(spec.getNodeSelector())
        .withTolerations(spec.getTolerations())
        .withAffinity(spec.getAffinity())
        .withTopologySpreadConstraints(spec.getTopologySpreadConstraints())
        .withPriorityClassName(spec.getPriorityClassName())
        .withContainers(container(plan, spec))
        .addNewVolume()
        .withName("tmp")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .addAllToVolumes(SecretMounts.volumes(plan))
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static Container container(ProxyPlan plan, SocketXProxySpec spec) {
    String image = spec.getImage() == null ? plan.defaults().image() : spec.getImage();
    String port = portName(spec);
    // with TLS the probes speak HTTPS to the same listener
    return new ContainerBuilder()
        .withName(CONTAINER_NAME)
        .withImage(image)
        .withImagePullPolicy(
            spec.getImagePullPolicy() == null ? null : spec.getImagePullPolicy().value())
        .addNewPort()
        .withName(port)
        .withContainerPort(ProxyEnvironment.CONTAINER_PORT)
        .withProtocol("TCP")
        .endPort()
        .addNewPort()
        .withName(ADMIN_PORT_NAME)
        .withContainerPort(ProxyEnvironment.ADMIN_PORT)
        .withProtocol("TCP")
        .endPort()
        .withEnv(ProxyEnvironment.of(plan))
        .withResources(resources(spec))
        .withNewLivenessProbe()
        .withNewTcpSocket()
        .withPort(new IntOrString(port))
        .endTcpSocket()
        .withInitialDelaySeconds(5)
        .withPeriodSeconds(10)
        .withTimeoutSeconds(2)
        .withFailureThreshold(3)
        .endLivenessProbe()
        .withNewReadinessProbe()
        .withNewHttpGet()
        .withPath("/readyz")
        .withPort(new IntOrString(ADMIN_PORT_NAME))
        .endHttpGet()
        .withInitialDelaySeconds(2)
        .withPeriodSeconds(5)
        .withTimeoutSeconds(2)
        .withFailureThreshold(3)
        .endReadinessProbe()
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath("/tmp")
        .endVolumeMount()
        .addAllToVolumeMounts(SecretMounts.mounts(plan))
        .build();
  }

  /** The container port's name: https with spec.tls, else http. */
  public static String portName(SocketXProxySpec spec) {
    return SecretMounts.tls(spec) ? TLS_PORT_NAME : PORT_NAME;
  }

  private static ResourceRequirements resources(SocketXProxySpec spec) {
    if (spec.getResources() != null) {
      return spec.getResources();
    }
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("100m"))
        .addToRequests("memory", new Quantity("256Mi"))
        .addToLimits("memory", new Quantity("512Mi"))
        .build();
  }

  /** The user's pod labels under the operator's own, which the selector depends on. */
  static Map<String, String> podLabels(Map<String, String> extra, Map<String, String> own) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (extra != null) {
      labels.putAll(extra);
    }
    labels.putAll(own);
    return labels;
  }

  private DeploymentModel() {}
}
