package io.socketx.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.socketx.crd.ProxyServiceSpec;
import io.socketx.crd.ServiceType;
import java.util.LinkedHashMap;

/** The desired Service in front of the proxy pods. */
public final class ServiceModel {
  public static final int DEFAULT_PORT = 8080;

  public static Service desired(ProxyPlan plan) {
    ProxyNames names = plan.names();
    ProxyServiceSpec spec = plan.proxy().getSpec().getService();
    ServiceType type =
        spec == null || spec.getType() == null ? ServiceType.CLUSTER_IP : spec.getType();
    int port = spec == null || spec.getPort() == null ? DEFAULT_PORT : spec.getPort();
    Integer nodePort = spec == null || type == ServiceType.CLUSTER_IP ? null : spec.getNodePort();
    return new ServiceBuilder()
        .withMetadata(
            new ObjectMetaBuilder(names.metadata(names.workload()))
                .withAnnotations(
                    spec == null || spec.getAnnotations() == null
                        ? new LinkedHashMap<>()
                        : new LinkedHashMap<>(spec.getAnnotations()))
                .build())
        .withNewSpec()
        .withType(type.value())
        .withSelector(names.selectorLabels())
        .addNewPort()
        .withName(DeploymentModel.portName(plan.proxy().getSpec()))
        .withProtocol("TCP")
        .withAppProtocol(SecretMounts.tls(plan.proxy().getSpec()) ? "https" : "http")
        .withPort(port)
        .withTargetPort(new IntOrString(DeploymentModel.portName(plan.proxy().getSpec())))
        .withNodePort(nodePort)
        .endPort()
        .endSpec()
        .build();
  }

  private ServiceModel() {}
}
