package io.socketx.operator.model;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.socketx.crd.SocketXProxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Names and labels of the objects the operator creates for one SocketXProxy. */
public final class ProxyNames {
  public static final String NAME_LABEL = "app.kubernetes.io/name";
  public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
  public static final String COMPONENT_LABEL = "app.kubernetes.io/component";
  public static final String PART_OF_LABEL = "app.kubernetes.io/part-of";
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  public static final String APP_NAME = "socketx-proxy";
  public static final String MANAGED_BY = "socketx-operator";

  /** Label selector of every object the operator manages; its informers watch only these. */
  public static final String MANAGED_SELECTOR = MANAGED_BY_LABEL + "=" + MANAGED_BY;

  private final String name;
  private final String namespace;

  public ProxyNames(SocketXProxy proxy) {
    this.name = proxy.getMetadata().getName();
    this.namespace = proxy.getMetadata().getNamespace();
  }

  public String namespace() {
    return namespace;
  }

  /** Deployment, Service, ServiceAccount, Role, RoleBinding and PodDisruptionBudget share it. */
  public String workload() {
    return name;
  }

  public String configMap() {
    return name + "-domain-map";
  }

  /**
   * The generated identity key Secret, and the ConfigMap with its public fingerprints (two kinds,
   * one name).
   */
  public String identity() {
    return name + "-identity";
  }

  /** ConfigMap in which the replicas of a billing proxy combine their counts. */
  public String billingLedger() {
    return name + "-billing";
  }

  /** Lease that elects the replica reporting usage for a billing proxy. */
  public String billingLease() {
    return name + "-billing-reporter";
  }

  /** Labels that select the proxy pods; never change, since a Deployment selector is immutable. */
  public Map<String, String> selectorLabels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME_LABEL, APP_NAME);
    labels.put(INSTANCE_LABEL, name);
    return labels;
  }

  /** Labels of every managed object. */
  public Map<String, String> labels() {
    Map<String, String> labels = selectorLabels();
    labels.put(COMPONENT_LABEL, "proxy");
    labels.put(PART_OF_LABEL, "socketx");
    labels.put(MANAGED_BY_LABEL, MANAGED_BY);
    return labels;
  }

  /** Metadata of a managed object named {@code objectName}: the proxy's namespace and labels. */
  public ObjectMeta metadata(String objectName) {
    return new ObjectMetaBuilder()
        .withName(objectName)
        .withNamespace(namespace)
        .withLabels(labels())
        .build();
  }

  /** The pod selector in the string form the scale subresource reports. */
  public String selector() {
    return selectorLabels().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .sorted()
        .collect(Collectors.joining(","));
  }
}
