package io.socketx.operator.proxy;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.socketx.crd.SocketXProxy;
import io.socketx.operator.model.ProxyPlan;

/** Hands the reconciler's plan and cluster facts to the dependents and their conditions. */
final class ProxyWorkflowContext {

  static void put(Context<SocketXProxy> context, ProxyPlan plan, PolicyApi policyApi) {
    var shared = context.managedWorkflowAndDependentResourceContext();
    shared.put(ProxyPlan.class, plan);
    shared.put(PolicyApi.class, policyApi);
  }

  static ProxyPlan plan(Context<SocketXProxy> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(ProxyPlan.class, ProxyPlan.class);
  }

  static PolicyApi policyApi(Context<SocketXProxy> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(PolicyApi.class, PolicyApi.class);
  }

  private ProxyWorkflowContext() {}
}
