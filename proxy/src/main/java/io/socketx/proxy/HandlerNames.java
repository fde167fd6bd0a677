package io.socketx.proxy;

/** Names of every pipeline handler, client leg and upstream leg, in pipeline order. */
public final class HandlerNames {
  public static final String QUEUED_BYTES = "queued-bytes";
  public static final String TLS = "tls";
  public static final String HTTP_CODEC = "http-codec";
  public static final String HTTP_IDLE = "http-idle";
  public static final String HTTP_AGGREGATOR = "http-aggregator";
  public static final String HTTP_REQUEST = "http-request";
  public static final String OUTBOUND_LIMIT = "outbound-limit";
  public static final String PING_RESPONDER = "ping-responder";
  public static final String WS_PROTOCOL = "ws-protocol";
  public static final String WS_AGGREGATOR = "ws-aggregator";
  public static final String WRITE_TIMEOUT = "write-timeout";
  public static final String KEEPALIVE = "keepalive";
  public static final String SOCKETX_HANDSHAKE = "socketx-handshake";
  public static final String CLIENT_RELAY = "client-relay";

  public static final String UPSTREAM_QUEUED_BYTES = "upstream-queued-bytes";
  public static final String UPSTREAM_TLS = "upstream-tls";
  public static final String UPSTREAM_HTTP_CODEC = "upstream-http-codec";
  public static final String UPSTREAM_HTTP_AGGREGATOR = "upstream-http-aggregator";
  public static final String UPSTREAM_OUTBOUND_LIMIT = "upstream-outbound-limit";
  public static final String UPSTREAM_PING_RESPONDER = "upstream-ping-responder";
  public static final String UPSTREAM_WS_PROTOCOL = "upstream-ws-protocol";

  /** Replaces Netty's frame encoder once the upstream handshake completed. */
  public static final String UPSTREAM_WS_ENCODER = "upstream-ws-encoder";

  public static final String UPSTREAM_WS_AGGREGATOR = "upstream-ws-aggregator";
  public static final String UPSTREAM_WRITE_TIMEOUT = "upstream-write-timeout";
  public static final String UPSTREAM_KEEPALIVE = "upstream-keepalive";
  public static final String UPSTREAM_RELAY = "upstream-relay";

  private HandlerNames() {}
}
