package io.socketx.operator.model;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;

/**
 * The proxy's identity and least-privilege access: it reads its own DOMAIN_MAP ConfigMap and renews
 * its own heartbeat (and billing) objects, each named in {@code resourceNames}; {@code create} is
 * the one verb RBAC cannot limit by name (docs/security.md).
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
            // each pod creates its heartbeat Lease (<configmap>-<pod>, a name not known before the
            // pod exists); RBAC cannot limit create by name, so it creates, and the operator names
            // the Lease in this Role once it sees it
            .addNewRule()
            .withApiGroups("coordination.k8s.io")
            .withResources("leases")
            .withVerbs("create")
            .endRule();
    if (!plan.heartbeatLeases().isEmpty()) {
      // never an empty resourceNames list: RBAC reads that as every name
      role.addNewRule()
          .withApiGroups("coordination.k8s.io")
          .withResources("leases")
          .withResourceNames(plan.heartbeatLeases())
          .withVerbs("get", "patch", "delete")
          .endRule();
    }
    if (ProxyEnvironment.bills(plan)) {
      // billing replicas combine counts in a ledger ConfigMap and elect a reporter with a Lease
      // (docs/billing.md); both named, created by the first replica
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
          .withVerbs("get", "update", "patch")
          .endRule()
          .addNewRule()
          .withApiGroups("")
          .withResources("configmaps")
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
