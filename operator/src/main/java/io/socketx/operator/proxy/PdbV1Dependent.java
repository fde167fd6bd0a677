package io.socketx.operator.proxy;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.socketx.crd.SocketXProxy;
import io.socketx.operator.model.DisruptionBudgetModel;
import io.socketx.operator.model.ProxyNames;

/** The policy/v1 PodDisruptionBudget (Kubernetes 1.21 and later). */
@KubernetesDependent(
    informer = @Informer(labelSelector = ProxyNames.MANAGED_SELECTOR),
    // the create-only-if-absent SSA trick sends a resourceVersion that Kubernetes 1.20 rejects
    createResourceOnlyIfNotExistingWithSSA = false)
public class PdbV1Dependent
    extends CRUDKubernetesDependentResource<PodDisruptionBudget, SocketXProxy> {

  @Override
  protected PodDisruptionBudget desired(SocketXProxy proxy, Context<SocketXProxy> context) {
    return DisruptionBudgetModel.v1(ProxyWorkflowContext.plan(context));
  }
}
