package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * An upstream given as a Service, in the route's namespace unless another (which must grant it) is
 * named, resolved to its cluster DNS name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceUpstream {

  @Required
  @Size(min = 1, max = 63)
  @Pattern(SocketXApi.DNS_LABEL_PATTERN)
  @JsonPropertyDescription("Name of the Service.")
  private String name;

  @Size(min = 1, max = 63)
  @Pattern(SocketXApi.DNS_LABEL_PATTERN)
  @JsonPropertyDescription(
      "Namespace of the Service. Empty: the route's namespace. Another namespace must allow it"
          + " with a SocketXRouteGrant.")
  private String namespace;

  @Required
  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("Port of the Service.")
  private Integer port;

  @Default("ws")
  @JsonPropertyDescription("ws (default) or wss.")
  private UpstreamScheme scheme;

  @Size(max = 2048)
  @Pattern("^/[^\\s#]*$")
  @JsonPropertyDescription("Path (and query) appended to the upstream URL, starting with /.")
  private String path;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public UpstreamScheme getScheme() {
    return scheme;
  }

  public void setScheme(UpstreamScheme scheme) {
    this.scheme = scheme;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }
}
