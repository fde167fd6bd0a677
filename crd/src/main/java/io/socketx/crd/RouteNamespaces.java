package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Namespaces a proxy accepts SocketXRoutes from. */
public enum RouteNamespaces {
  @JsonProperty("Same")
  SAME("Same"),
  @JsonProperty("All")
  ALL("All"),
  @JsonProperty("List")
  LIST("List");

  private final String value;

  RouteNamespaces(String value) {
    this.value = value;
  }

  /** The spelling used in the resource and in the proxy's environment. */
  public String value() {
    return value;
  }
}
