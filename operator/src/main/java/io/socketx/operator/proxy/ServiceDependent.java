package io.socketx.operator.proxy;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.socketx.crd.SocketXProxy;
import io.socketx.operator.model.ProxyNames;
import io.socketx.operator.model.ServiceModel;

/** The Service in front of the proxy pods. */
@KubernetesDependent(
    informer = @Informer(labelSelector = ProxyNames.MANAGED_SELECTOR),
    // the create-only-if-absent SSA trick sends a resourceVersion that Kubernetes 1.20 rejects
    createResourceOnlyIfNotExistingWithSSA = false)
public class ServiceDependent extends CRUDKubernetesDependentResource<Service, SocketXProxy> {

  @Override
  protected Service desired(SocketXProxy proxy, Context<SocketXProxy> context) {
    return ServiceModel.desired(ProxyWorkflowContext.plan(context));
  }
}
