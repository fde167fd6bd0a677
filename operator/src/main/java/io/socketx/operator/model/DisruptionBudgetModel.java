package io.socketx.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The PodDisruptionBudget of a proxy with more than one replica: at most one pod is evicted at a
 * time. Built for policy/v1 and, for API servers before 1.21, policy/v1beta1.
 */
public final class DisruptionBudgetModel {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** A budget only makes sense when a pod can be spared. */
  public static boolean wanted(ProxyPlan plan) {
    return plan.replicas() > 1;
  }

  public static PodDisruptionBudget v1(ProxyPlan plan) {
    ProxyNames names = plan.names();
    return new PodDisruptionBudgetBuilder()
        .withMetadata(names.metadata(names.workload()))
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withNewSelector()
        .withMatchLabels(names.selectorLabels())
        .endSelector()
        .endSpec()
        .build();
  }

  /** The same budget for policy/v1beta1, whose fields this budget uses are identical to v1's. */
  public static io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget v1beta1(
      ProxyPlan plan) {
    var budget =
        SERIALIZATION.convertValue(
            v1(plan), io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget.class);
    budget.setApiVersion("policy/v1beta1");
    return budget;
  }

  private DisruptionBudgetModel() {}
}
