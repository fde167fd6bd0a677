package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** Which SocketXRoutes a proxy accepts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = CrossFieldRules.LIST_NEEDS_NAMESPACES,
    message = CrossFieldRules.LIST_NEEDS_NAMESPACES_MESSAGE)
public class AllowedRoutes {

  @Default("Same")
  @JsonPropertyDescription(
      "Namespaces routes may come from: Same (default, the proxy's namespace), All, or List (the namespaces field).")
  private RouteNamespaces from;

  @Size(max = 256)
  @JsonPropertyDescription("Namespaces routes may come from when from is List.")
  private List<@Pattern(SocketXApi.DNS_LABEL_PATTERN) String> namespaces;

  @JsonPropertyDescription(
      "Only routes whose labels match this selector are accepted. Empty: every route.")
  private LabelSelector selector;

  public RouteNamespaces getFrom() {
    return from;
  }

  public void setFrom(RouteNamespaces from) {
    this.from = from;
  }

  public List<@Pattern(SocketXApi.DNS_LABEL_PATTERN) String> getNamespaces() {
    return namespaces;
  }

  public void setNamespaces(List<@Pattern(SocketXApi.DNS_LABEL_PATTERN) String> namespaces) {
    this.namespaces = namespaces;
  }

  public LabelSelector getSelector() {
    return selector;
  }

  public void setSelector(LabelSelector selector) {
    this.selector = selector;
  }
}
