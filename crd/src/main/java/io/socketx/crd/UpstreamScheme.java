package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** WebSocket scheme used to reach an upstream Service. */
public enum UpstreamScheme {
  @JsonProperty("ws")
  WS("ws"),
  @JsonProperty("wss")
  WSS("wss");

  private final String value;

  UpstreamScheme(String value) {
    this.value = value;
  }

  /** The spelling used in the resource and in the proxy's environment. */
  public String value() {
    return value;
  }
}
