package io.socketx.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** Keepalive intervals and timeouts of the proxy, as Go-style durations (30s, 1m30s, 250ms). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProxyTimeouts {

  @Pattern(SocketXApi.DURATION_PATTERN)
  @JsonPropertyDescription("Interval between pings to the client [CLIENT_PING_INTERVAL].")
  private String clientPingInterval;

  @Pattern(SocketXApi.DURATION_PATTERN)
  @JsonPropertyDescription(
      "Time to wait for the client's pong before closing [CLIENT_PONG_TIMEOUT].")
  private String clientPongTimeout;

  @Pattern(SocketXApi.DURATION_PATTERN)
  @JsonPropertyDescription("Interval between pings to the upstream [UPSTREAM_PING_INTERVAL].")
  private String upstreamPingInterval;

  @Pattern(SocketXApi.DURATION_PATTERN)
  @JsonPropertyDescription(
      "Time to wait for the upstream's pong before closing [UPSTREAM_PONG_TIMEOUT].")
  private String upstreamPongTimeout;

  @Pattern(SocketXApi.DURATION_PATTERN)
  @JsonPropertyDescription(
      "Longest time one write may take before the connection is closed [WRITE_TIMEOUT].")
  private String writeTimeout;

  public String getClientPingInterval() {
    return clientPingInterval;
  }

  public void setClientPingInterval(String clientPingInterval) {
    this.clientPingInterval = clientPingInterval;
  }

  public String getClientPongTimeout() {
    return clientPongTimeout;
  }

  public void setClientPongTimeout(String clientPongTimeout) {
    this.clientPongTimeout = clientPongTimeout;
  }

  public String getUpstreamPingInterval() {
    return upstreamPingInterval;
  }

  public void setUpstreamPingInterval(String upstreamPingInterval) {
    this.upstreamPingInterval = upstreamPingInterval;
  }

  public String getUpstreamPongTimeout() {
    return upstreamPongTimeout;
  }

  public void setUpstreamPongTimeout(String upstreamPongTimeout) {
    this.upstreamPongTimeout = upstreamPongTimeout;
  }

  public String getWriteTimeout() {
    return writeTimeout;
  }

  public void setWriteTimeout(String writeTimeout) {
    this.writeTimeout = writeTimeout;
  }
}
