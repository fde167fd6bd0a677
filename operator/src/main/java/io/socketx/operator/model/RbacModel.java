package io.socketx.operator.model;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;

/**
 * The proxy's identity and least-privilege access: it may get, list and watch its own ConfigMap and
 * nothing else.
 */
public final class RbacModel {

  public static ServiceAccount serviceAccount(ProxyPlan plan) {
    ProxyNames names = plan.names();
    return new ServiceAccountBuilder().withMetadata(names.metadata(names.workload())).build();
  }

  public static Role role(ProxyPlan plan) {
    ProxyNames names = plan.names();
    RoleBuilder role =
        new RoleBuilder()
            .withMetadata(names.metadata(names.workload()))
            .addNewRule()
            .withApiGroups("")
            .withResources("configmaps")
            .withResourceNames(names.configMap())
            .withVerbs("get", "list", "watch")
            .endRule()
            // each instance's heartbeat Lease (<configmap>-<pod>): names are not known in advance
            .addNewRule()
            .withApiGroups("coordination.k8s.io")
            .withResources("leases")
            .withVerbs("get", "create", "patch", "delete")
            .endRule();
    if (ProxyEnvironment.bills(plan)) {
      // billing replicas combine counts in a ledger ConfigMap and elect a reporter with a Lease
      // (docs/billing.md); create cannot be limited by name, the rest can
      role.addNewRule()
          .withApiGroups("")
          .withResources("configmaps")
          .withResourceNames(names.billingLedger())
          .withVerbs("get", "update")
          .endRule()
          .addNewRule()
          .withApiGroups("coordination.k8s.io")
          .withResources("leases")
          .withResourceNames(names.billingLease())
          .withVerbs("get", "patch")
          .endRule()
          .addNewRule()
          .withApiGroups("")
          .withResources("configmaps")
          .withVerbs("create")
          .endRule()
          .addNewRule()
          .withApiGroups("coordination.k8s.io")
          .withResources("leases")
          .withVerbs("create")
          .endRule();
    }
    return role.build();
  }

  public static RoleBinding roleBinding(ProxyPlan plan) {
    ProxyNames names = plan.names();
    return new RoleBindingBuilder()
        .withMetadata(names.metadata(names.workload()))
        .withNewRoleRef()
        .withApiGroup("rbac.authorization.k8s.io")
        .withKind("Role")
        .withName(names.workload())
        .endRoleRef()
        .addNewSubject()
        .withKind("ServiceAccount")
        .withName(names.workload())
        .withNamespace(names.namespace())
        .endSubject()
        .build();
  }

  private RbacModel() {}
}
