package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.List;

/** Observed state of a SocketX proxy fleet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = ConditionsCustomizer.class, input = "conditions")
public class SocketXProxyStatus {

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @StatusReplicas
  @JsonPropertyDescription("Proxy pods that exist (scale subresource).")
  private Integer replicas;

  @JsonPropertyDescription("Proxy pods that are ready.")
  private Integer readyReplicas;

  @JsonPropertyDescription("Routes accepted into the DOMAIN_MAP.")
  private Integer routes;

  @JsonPropertyDescription("Name of the ConfigMap holding the DOMAIN_MAP.")
  private String configMapName;

  @JsonPropertyDescription("SHA-256 of the DOMAIN_MAP JSON currently written.")
  private String configHash;

  @JsonPropertyDescription("Size of the DOMAIN_MAP JSON in bytes (before compression).")
  private Integer configBytes;

  @JsonPropertyDescription(
      "True when the DOMAIN_MAP is written gzip-compressed under binaryData DOMAIN_MAP.gz.")
  private Boolean configCompressed;

  @JsonPropertyDescription(
      "Digest of every route's outcome; changes whenever any route's acceptance changes, so route statuses follow.")
  private String routeStatusHash;

  @JsonPropertyDescription(
      "Fingerprints of the proxy's identity keys (public; the keys stay in the Secret).")
  private IdentityStatus identity;

  @LabelSelector
  @JsonPropertyDescription("Label selector of the proxy pods (scale subresource).")
  private String selector;

  @JsonPropertyDescription(
      "Ready: all desired pods ready. RoutesResolved: routes merged and DOMAIN_MAP written."
          + " IdentityReady, IdentityRotating: the identity key. TLSReady: the TLS Secret.")
  private List<Condition> conditions;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getReadyReplicas() {
    return readyReplicas;
  }

  public void setReadyReplicas(Integer readyReplicas) {
    this.readyReplicas = readyReplicas;
  }

  public Integer getRoutes() {
    return routes;
  }

  public void setRoutes(Integer routes) {
    this.routes = routes;
  }

  public String getConfigMapName() {
    return configMapName;
  }

  public void setConfigMapName(String configMapName) {
    this.configMapName = configMapName;
  }

  public String getConfigHash() {
    return configHash;
  }

  public void setConfigHash(String configHash) {
    this.configHash = configHash;
  }

  public Integer getConfigBytes() {
    return configBytes;
  }

  public void setConfigBytes(Integer configBytes) {
    this.configBytes = configBytes;
  }

  public Boolean getConfigCompressed() {
    return configCompressed;
  }

  public void setConfigCompressed(Boolean configCompressed) {
    this.configCompressed = configCompressed;
  }

  public String getRouteStatusHash() {
    return routeStatusHash;
  }

  public void setRouteStatusHash(String routeStatusHash) {
    this.routeStatusHash = routeStatusHash;
  }

  public String getSelector() {
    return selector;
  }

  public void setSelector(String selector) {
    this.selector = selector;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public IdentityStatus getIdentity() {
    return identity;
  }

  public void setIdentity(IdentityStatus identity) {
    this.identity = identity;
  }
}
