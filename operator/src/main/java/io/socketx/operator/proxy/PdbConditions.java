package io.socketx.operator.proxy;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.socketx.crd.SocketXProxy;
import io.socketx.operator.model.DisruptionBudgetModel;

/** Workflow conditions that pick the PodDisruptionBudget API and decide whether one is wanted. */
public final class PdbConditions {

  /** Active when the API server serves policy/v1. */
  public static final class PolicyV1Served implements Condition<Object, SocketXProxy> {
    @Override
    public boolean isMet(
        DependentResource<Object, SocketXProxy> dependent,
        SocketXProxy proxy,
        Context<SocketXProxy> context) {
      return ProxyWorkflowContext.policyApi(context) == PolicyApi.V1;
    }
  }

  /** Active when the API server serves only policy/v1beta1. */
  public static final class OnlyPolicyV1beta1Served implements Condition<Object, SocketXProxy> {
    @Override
    public boolean isMet(
        DependentResource<Object, SocketXProxy> dependent,
        SocketXProxy proxy,
        Context<SocketXProxy> context) {
      return ProxyWorkflowContext.policyApi(context) == PolicyApi.V1BETA1;
    }
  }

  /** Reconciled (created or updated) above one replica, deleted otherwise. */
  public static final class MoreThanOneReplica implements Condition<Object, SocketXProxy> {
    @Override
    public boolean isMet(
        DependentResource<Object, SocketXProxy> dependent,
        SocketXProxy proxy,
        Context<SocketXProxy> context) {
      return DisruptionBudgetModel.wanted(ProxyWorkflowContext.plan(context));
    }
  }

  private PdbConditions() {}
}
