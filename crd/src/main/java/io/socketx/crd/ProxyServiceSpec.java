package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** The Service that exposes the proxy pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = CrossFieldRules.NODE_PORT_NEEDS_TYPE,
    message = CrossFieldRules.NODE_PORT_NEEDS_TYPE_MESSAGE)
public class ProxyServiceSpec {

  @Default("ClusterIP")
  @JsonPropertyDescription("Service type: ClusterIP (default), LoadBalancer or NodePort.")
  private ServiceType type;

  @Min(1)
  @Max(65535)
  @Default("8080")
  @JsonPropertyDescription(
      "Port of the Service (default 8080); the proxy listens on 8080 in the pod.")
  private Integer port;

  @Min(30000)
  @Max(32767)
  @JsonPropertyDescription(
      "Fixed node port for type NodePort or LoadBalancer; empty: Kubernetes picks one.")
  private Integer nodePort;

  @JsonPropertyDescription("Annotations of the Service, e.g. cloud load-balancer settings.")
  private Map<String, String> annotations;

  public ServiceType getType() {
    return type;
  }

  public void setType(ServiceType type) {
    this.type = type;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public Integer getNodePort() {
    return nodePort;
  }

  public void setNodePort(Integer nodePort) {
    this.nodePort = nodePort;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }
}
