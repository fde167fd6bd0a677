package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Reference from a SocketXRoute to the SocketXProxy that serves it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProxyRef {

  @Required
  @Size(min = 1, max = 253)
  @Pattern(SocketXApi.DNS_SUBDOMAIN_PATTERN)
  @JsonPropertyDescription("Name of the SocketXProxy.")
  private String name;

  @Size(min = 1, max = 63)
  @Pattern(SocketXApi.DNS_LABEL_PATTERN)
  @JsonPropertyDescription("Namespace of the SocketXProxy; empty: the route's namespace.")
  private String namespace;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }
}
