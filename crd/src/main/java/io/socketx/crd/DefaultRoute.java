package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** The route for hosts no SocketXRoute claims (the DOMAIN_MAP entry "*"). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DefaultRoute {

  @Required
  @JsonPropertyDescription(
      "Where connections to unclaimed hosts are relayed; a service reference resolves in the proxy's namespace.")
  private UpstreamSpec upstream;

  @Required
  @Size(min = 1, max = 256)
  @JsonPropertyDescription(
      "Browser origins allowed to connect: * (any), https://app.example.com, or https://*.example.com.")
  private List<@Pattern(SocketXApi.ORIGIN_PATTERN) String> allowedOrigins;

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
