package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Type of the proxy's Service. */
public enum ServiceType {
  @JsonProperty("ClusterIP")
  CLUSTER_IP("ClusterIP"),
  @JsonProperty("LoadBalancer")
  LOAD_BALANCER("LoadBalancer"),
  @JsonProperty("NodePort")
  NODE_PORT("NodePort");

  private final String value;

  ServiceType(String value) {
    this.value = value;
  }

  /** The spelling used in the resource and in the proxy's environment. */
  public String value() {
    return value;
  }
}
