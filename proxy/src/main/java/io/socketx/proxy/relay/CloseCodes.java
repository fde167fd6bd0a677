package io.socketx.proxy.relay;

/**
 * WebSocket close codes the proxy sends besides the protocol's own (4000-4099, {@code
 * ProtocolError.closeCode()}); documented in docs/configuration.md.
 */
public final class CloseCodes {
  /** Normal closure. */
  public static final int NORMAL = 1000;

  /** Shutdown of the proxy, a removed route, or the other leg timed out or went away. */
  public static final int GOING_AWAY = 1001;

  /** A client broke RFC 6455 itself, e.g. a close frame with a code that may not be sent. */
  public static final int PROTOCOL_ERROR = 1002;

  /** No status was given in a received close frame (never sent). */
  public static final int NO_STATUS = 1005;

  /** The connection dropped without a close frame (never sent). */
  public static final int ABNORMAL = 1006;

  /** The per-connection buffering limit was exceeded. */
  public static final int POLICY_VIOLATION = 1008;

  /** A message exceeded {@code MAX_MESSAGE_SIZE}. */
  public static final int MESSAGE_TOO_BIG = 1009;

  /** An unexpected error inside the proxy. */
  public static final int INTERNAL_ERROR = 1011;

  /** The upstream could not be reached, refused the WebSocket, or its connection was lost. */
  public static final int BAD_GATEWAY = 1014;

  /**
   * The route's upstream resolved to an address the upstream policy refuses ({@code UPSTREAM_DENY},
   * or the proxy's own listener). Outside the protocol's 4000-4099 range.
   */
  public static final int UPSTREAM_FORBIDDEN = 4403;

  private CloseCodes() {}

  /** Whether a code may be put on the wire in a close frame (RFC 6455 section 7.4). */
  public static boolean isSendable(int code) {
    return (code >= 1000 && code <= 1003)
        || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
  }
}
