package io.socketx.proxy.admission;

import java.util.concurrent.TimeUnit;

/** The answer to an upgrade: admitted with a handshake slot, or refused with why and when. */
public sealed interface Admission {

  /** The upgrade may proceed; {@code slot} must be released when its handshake ends. */
  record Admitted(HandshakeSlot slot) implements Admission {}

  /**
   * The upgrade is refused before any WebSocket work.
   *
   * @param reason a stable metric tag: {@code connection_limit}, {@code memory}, {@code
   *     handshake_concurrency}, {@code source_concurrency}, {@code handshake_rate}, {@code
   *     source_rate}
   * @param retryAfterSeconds the {@code Retry-After} value, at least 1
   */
  record Refused(String reason, long retryAfterSeconds) implements Admission {
    static Refused after(String reason, long nanos) {
      return new Refused(reason, Math.max(1, (nanos + 999_999_999L) / TimeUnit.SECONDS.toNanos(1)));
    }
  }
}
