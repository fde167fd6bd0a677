package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The upstream WebSocket service: a URL or a Service reference, exactly one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = CrossFieldRules.UPSTREAM_ONE_OF,
    message = CrossFieldRules.UPSTREAM_ONE_OF_MESSAGE)
public class UpstreamSpec {

  @Size(max = 2048)
  @Pattern(SocketXApi.UPSTREAM_URL_PATTERN)
  @JsonPropertyDescription("A ws:// or wss:// URL.")
  private String url;

  @JsonPropertyDescription(
      "A Service, resolved to name.namespace.svc.<cluster domain>; another namespace than the route's must grant it with a SocketXRouteGrant.")
  private ServiceUpstream service;

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public ServiceUpstream getService() {
    return service;
  }

  public void setService(ServiceUpstream service) {
    this.service = service;
  }
}
