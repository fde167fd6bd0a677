package io.socketx.operator.proxy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.socketx.crd.SocketXProxy;
import io.socketx.operator.model.ConfigMapModel;
import io.socketx.operator.model.ProxyNames;

/** The DOMAIN_MAP ConfigMap the proxy pods watch. */
@KubernetesDependent(
    informer = @Informer(labelSelector = ProxyNames.MANAGED_SELECTOR),
    // the create-only-if-absent SSA trick sends a resourceVersion that Kubernetes 1.20 rejects
    createResourceOnlyIfNotExistingWithSSA = false)
public class ConfigMapDependent extends CRUDKubernetesDependentResource<ConfigMap, SocketXProxy> {

  @Override
  protected ConfigMap desired(SocketXProxy proxy, Context<SocketXProxy> context) {
    return ConfigMapModel.desired(
        ProxyWorkflowContext.plan(context), context.getSecondaryResource(ConfigMap.class));
  }
}
