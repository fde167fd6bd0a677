package io.socketx.operator.proxy;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which PodDisruptionBudget API the API server serves: policy/v1 from Kubernetes 1.21,
 * policy/v1beta1 before (the v1.20 end-to-end tier has only that).
 */
public enum PolicyApi {
  V1,
  V1BETA1,
  NONE;

  private static final Logger LOG = LoggerFactory.getLogger(PolicyApi.class);

  /** Asks the API server's discovery endpoints; an unreachable group counts as absent. */
  public static PolicyApi detect(KubernetesClient client) {
    PolicyApi api =
        servesPdb(client, "policy/v1") ? V1 : servesPdb(client, "policy/v1beta1") ? V1BETA1 : NONE;
    LOG.info("PodDisruptionBudget API served by the API server: {}", api);
    return api;
  }

  private static boolean servesPdb(KubernetesClient client, String groupVersion) {
    try {
      APIResourceList list = client.getApiResources(groupVersion);
      return list != null
          && list.getResources() != null
          && list.getResources().stream().anyMatch(r -> "poddisruptionbudgets".equals(r.getName()));
    } catch (KubernetesClientException e) {
      return false;
    }
  }
}
