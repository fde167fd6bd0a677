package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** Observed state of a SocketX route. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = ConditionsCustomizer.class, input = "conditions")
public class SocketXRouteStatus {

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "The proxy this route was last attached to (namespace always set); lets the operator update the old proxy when proxyRef moves.")
  private ProxyRef proxyRef;

  @JsonPropertyDescription("The resolved upstream URL.")
  private String upstream;

  @JsonPropertyDescription(
      "Accepted: the proxy serves the route (reasons Accepted, HostConflict, ProxyNotFound, NotAllowedByProxy, InvalidUpstream, InvalidHost, InvalidOrigin). ResolvedRefs: the proxy and upstream references resolved.")
  private List<Condition> conditions;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public ProxyRef getProxyRef() {
    return proxyRef;
  }

  public void setProxyRef(ProxyRef proxyRef) {
    this.proxyRef = proxyRef;
  }

  public String getUpstream() {
    return upstream;
  }

  public void setUpstream(String upstream) {
    this.upstream = upstream;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }
}
