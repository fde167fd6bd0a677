package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A namespace whose SocketXRoutes a grant admits. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GrantFrom {

  @Required
  @Size(min = 1, max = 63)
  @Pattern(SocketXApi.DNS_LABEL_PATTERN)
  @JsonPropertyDescription("Namespace of the SocketXRoutes.")
  private String namespace;

  public GrantFrom() {}

  public GrantFrom(String namespace) {
    this.namespace = namespace;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }
}
