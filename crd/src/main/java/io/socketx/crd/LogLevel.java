package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Log level of the proxy [LOG_LEVEL]. */
public enum LogLevel {
  @JsonProperty("error")
  ERROR("error"),
  @JsonProperty("warn")
  WARN("warn"),
  @JsonProperty("info")
  INFO("info"),
  @JsonProperty("debug")
  DEBUG("debug");

  private final String value;

  LogLevel(String value) {
    this.value = value;
  }

  /** The spelling used in the resource and in the proxy's environment. */
  public String value() {
    return value;
  }
}
