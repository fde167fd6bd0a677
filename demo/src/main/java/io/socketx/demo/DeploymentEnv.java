package io.socketx.demo;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a pod of a Deployment would get, for running its container's program as a local
 * process: literal values as they are, downward-API fields filled in for a chosen pod.
 */
public final class DeploymentEnv {
  private DeploymentEnv() {}

  /**
   * The first container's environment for a pod named {@code podName} in the Deployment's
   * namespace.
   *
   * @throws IllegalArgumentException for a variable this cannot resolve outside a cluster
   */
  public static Map<String, String> of(Deployment deployment, String podName) {
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var : container.getEnv()) {
      if (var.getValueFrom() == null) {
        env.put(var.getName(), var.getValue() == null ? "" : var.getValue());
        continue;
      }
      String field =
          var.getValueFrom().getFieldRef() == null
              ? null
              : var.getValueFrom().getFieldRef().getFieldPath();
      if ("metadata.name".equals(field)) {
        env.put(var.getName(), podName);
      } else if ("metadata.namespace".equals(field)) {
        env.put(var.getName(), deployment.getMetadata().getNamespace());
      } else {
        throw new IllegalArgumentException(
            "cannot resolve " + var.getName() + " outside a cluster (" + var.getValueFrom() + ")");
      }
    }
    return env;
  }
}
