package io.socketx.proxy.relay;

import java.io.IOException;

/** The upstream policy refused every attempt to connect an upstream address. */
final class UpstreamRefusedException extends IOException {
  private final String reason;

  UpstreamRefusedException(String host, String reason) {
    super("upstream " + host + " refused by the upstream policy (" + reason + ")");
    this.reason = reason;
  }

  /** {@link DialPolicy#DENIED} or {@link DialPolicy#SELF}. */
  String reason() {
    return reason;
  }
}
