package io.socketx.operator.proxy;

import io.fabric8.kubernetes.api.model.rbac.Role;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.socketx.crd.SocketXProxy;
import io.socketx.operator.model.ProxyNames;
import io.socketx.operator.model.RbacModel;

/** The Role that lets the proxy read its own ConfigMap. */
@KubernetesDependent(
    informer = @Informer(labelSelector = ProxyNames.MANAGED_SELECTOR),
    // the create-only-if-absent SSA trick sends a resourceVersion that Kubernetes 1.20 rejects
    createResourceOnlyIfNotExistingWithSSA = false)
public class RoleDependent extends CRUDKubernetesDependentResource<Role, SocketXProxy> {

  @Override
  protected Role desired(SocketXProxy proxy, Context<SocketXProxy> context) {
    return RbacModel.role(ProxyWorkflowContext.plan(context));
  }
}
