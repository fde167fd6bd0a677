package io.socketx.operator.proxy;

import io.fabric8.kubernetes.api.model.rbac.Role;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.socketx.crd.SocketXProxy;
import io.socketx.operator.model.ProxyNames;
import io.socketx.operator.model.RbacModel;
import java.util.Objects;

/** The Role that lets the proxy read its own ConfigMap and renew its own heartbeat Leases. */
@KubernetesDependent(
    informer = @Informer(labelSelector = ProxyNames.MANAGED_SELECTOR),
    // the create-only-if-absent SSA trick sends a resourceVersion that Kubernetes 1.20 rejects
    createResourceOnlyIfNotExistingWithSSA = false)
public class RoleDependent extends CRUDKubernetesDependentResource<Role, SocketXProxy> {

  @Override
  protected Role desired(SocketXProxy proxy, Context<SocketXProxy> context) {
    return RbacModel.role(ProxyWorkflowContext.plan(context));
  }

  /**
   * Rules compared whole: the default matcher ignores removed list entries, which would leave a
   * deleted pod's heartbeat Lease named in the Role.
   */
  @Override
  public Matcher.Result<Role> match(
      Role actual, Role desired, SocketXProxy proxy, Context<SocketXProxy> context) {
    Matcher.Result<Role> metadata = super.match(actual, desired, proxy, context);
    boolean same = metadata.matched() && Objects.equals(actual.getRules(), desired.getRules());
    return Matcher.Result.computed(same, desired);
  }
}
