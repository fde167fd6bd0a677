package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A Service a grant lets other namespaces' routes use. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GrantTo {

  @Required
  @Size(min = 1, max = 63)
  @Pattern(SocketXApi.DNS_LABEL_PATTERN)
  @JsonPropertyDescription("Name of the Service.")
  private String name;

  public GrantTo() {}

  public GrantTo(String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
