package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Lowest TLS version the proxy's listener accepts. */
public enum TlsVersion {
  @JsonProperty("1.2")
  TLS_1_2("1.2"),
  @JsonProperty("1.3")
  TLS_1_3("1.3");

  private final String value;

  TlsVersion(String value) {
    this.value = value;
  }

  /** The spelling used in the resource and in the proxy's environment. */
  public String value() {
    return value;
  }
}
