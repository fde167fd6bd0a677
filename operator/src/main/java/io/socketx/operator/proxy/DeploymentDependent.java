package io.socketx.operator.proxy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.socketx.crd.SocketXProxy;
import io.socketx.operator.model.DeploymentModel;
import io.socketx.operator.model.ProxyNames;

/** The proxy Deployment. */
@KubernetesDependent(
    informer = @Informer(labelSelector = ProxyNames.MANAGED_SELECTOR),
    // the create-only-if-absent SSA trick sends a resourceVersion that Kubernetes 1.20 rejects
    createResourceOnlyIfNotExistingWithSSA = false)
public class DeploymentDependent extends CRUDKubernetesDependentResource<Deployment, SocketXProxy> {

  @Override
  protected Deployment desired(SocketXProxy proxy, Context<SocketXProxy> context) {
    return DeploymentModel.desired(ProxyWorkflowContext.plan(context));
  }
}
