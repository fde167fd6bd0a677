package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Desired state of a SocketX route. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SocketXRouteSpec {

  @Required
  @JsonPropertyDescription("The SocketXProxy that serves this route.")
  private ProxyRef proxyRef;

  @Required
  @Size(min = 1, max = 256)
  @JsonPropertyDescription(
      "Hosts this route claims, lower case: an exact host with optional port (api.example.com, api.example.com:8443), a wildcard (*.example.com), or * (every host no other route claims). The oldest route wins a host.")
  private List<@Pattern(SocketXApi.HOST_PATTERN) String> hosts;

  @Required
  @JsonPropertyDescription("Where connections for these hosts are relayed.")
  private UpstreamSpec upstream;

  @Required
  @Size(min = 1, max = 256)
  @JsonPropertyDescription(
      "Browser origins allowed to connect: * (any), https://app.example.com, or https://*.example.com.")
  private List<@Pattern(SocketXApi.ORIGIN_PATTERN) String> allowedOrigins;

  public ProxyRef getProxyRef() {
    return proxyRef;
  }

  public void setProxyRef(ProxyRef proxyRef) {
    this.proxyRef = proxyRef;
  }

  public List<@Pattern(SocketXApi.HOST_PATTERN) String> getHosts() {
    return hosts;
  }

  public void setHosts(List<@Pattern(SocketXApi.HOST_PATTERN) String> hosts) {
    this.hosts = hosts;
  }

  public UpstreamSpec getUpstream() {
    return upstream;
  }

  public void setUpstream(UpstreamSpec upstream) {
    this.upstream = upstream;
  }

  public List<@Pattern(SocketXApi.ORIGIN_PATTERN) String> getAllowedOrigins() {
    return allowedOrigins;
  }

  public void setAllowedOrigins(List<@Pattern(SocketXApi.ORIGIN_PATTERN) String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins;
  }
}
