package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Who may reference what: routes from these namespaces, to these Services (or all). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SocketXRouteGrantSpec {

  @Required
  @Size(min = 1, max = 64)
  @JsonPropertyDescription("Namespaces whose SocketXRoutes may use Services of this namespace.")
  private List<GrantFrom> from;

  @Size(max = 64)
  @JsonPropertyDescription(
      "Services of this namespace those routes may use. Empty or absent: every Service.")
  private List<GrantTo> to;

  public List<GrantFrom> getFrom() {
    return from;
  }

  public void setFrom(List<GrantFrom> from) {
    this.from = from;
  }

  public List<GrantTo> getTo() {
    return to;
  }

  public void setTo(List<GrantTo> to) {
    this.to = to;
  }
}
