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
    return new RoleBuilder()
        .withMetadata(names.metadata(names.workload()))
        .addNewRule()
        .withApiGroups("")
        .withResources("configmaps")
        .withResourceNames(names.configMap())
        .withVerbs("get", "list", "watch")
        .endRule()
        .build();
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
