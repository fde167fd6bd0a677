package io.socketx.proxy.relay;

import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.v2.CloseNotice;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How one connection ends, decided once from its cause: who ended it, what the client gets (an
 * authenticated SocketX CLOSE record, then one close frame), the one close frame the upstream gets,
 * and the code and reason the audit line records. When the proxy ends a connection the audited code
 * is the one its close frame carries to the client. Made by the named factories below, one per
 * cause.
 *
 * @param closedBy who ended the connection
 * @param auditedCode the audit record's {@code close_code}
 * @param auditedReason the audit record's {@code close_reason}
 * @param closeRecord the CLOSE record the client gets before its close frame, or null for none
 * @param toClient the client leg's close frame
 * @param awaitsClientCloseFrame whether the proxy then waits for the client's close frame: not when
 *     the client sent its frame already or its decoder stopped reading
 * @param toUpstream the upstream leg's close frame
 */
record CloseDecision(
    Side closedBy,
    int auditedCode,
    String auditedReason,
    CloseNotice closeRecord,
    Frame toClient,
    boolean awaitsClientCloseFrame,
    Frame toUpstream) {
  private static final int MAX_REASON_BYTES = 123;
  private static final Frame CLIENT_WENT_AWAY =
      new Frame(CloseCodes.GOING_AWAY, "client went away");
  private static final Frame CLIENT_PROTOCOL_ERROR =
      new Frame(CloseCodes.GOING_AWAY, "client protocol error");

  /** Who ended a connection, for the audit record. */
  enum Side {
    CLIENT,
    UPSTREAM,
    PROXY;

    /** The audit record's {@code closed_by} value. */
    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The close frame for one leg. {@link CloseCodes#ABNORMAL} means no frame: the leg's connection
   * is closed. A code that may not travel in a frame (e.g. {@link CloseCodes#NO_STATUS}) is sent as
   * a close frame without a status.
   */
  record Frame(int code, String reason) {
    Frame {
      reason = truncate(reason);
    }

    /** Whether the leg is closed without a close frame. */
    boolean abrupt() {
      return code == CloseCodes.ABNORMAL;
    }

    /** Whether the frame carries {@link #code} (otherwise it has no status). */
    boolean hasStatus() {
      return CloseCodes.isSendable(code);
    }
  }

  CloseDecision {
    auditedReason = auditedReason == null ? "" : auditedReason;
  }

  // ---- the client ended the connection: it gets only the answer to its close frame ----

  /**
   * The client ended the session with an authenticated CLOSE record; its close frame follows. The
   * record's code and reason are audited and go upstream (1000 for a code no frame may carry); the
   * client's frame is answered with the record's transport code.
   */
  static CloseDecision clientClosed(CloseNotice notice) {
    int frameCode = notice.transportCode();
    return new CloseDecision(
        Side.CLIENT,
        notice.code(),
        notice.reason(),
        null,
        new Frame(
            CloseCodes.isSendable(frameCode) ? frameCode : CloseCodes.NORMAL, notice.reason()),
        true,
        new Frame(
            CloseCodes.isSendable(notice.code()) ? notice.code() : CloseCodes.NORMAL,
            notice.reason()));
  }

  /**
   * The client sent a close frame without an authenticated CLOSE record before it: the session was
   * cut short (TRUNCATED, docs/protocol.md section 9). The proxy echoes the frame and tells the
   * upstream the client went away.
   */
  static CloseDecision clientTruncated(int frameCode, String frameReason) {
    return new CloseDecision(
        Side.CLIENT,
        ProtocolError.TRUNCATED.closeCode(),
        ProtocolError.TRUNCATED.reason(),
        null,
        new Frame(frameCode, frameReason),
        false,
        CLIENT_WENT_AWAY);
  }

  /** The client's connection dropped without a close frame. */
  static CloseDecision clientLost() {
    return new CloseDecision(
        Side.CLIENT,
        CloseCodes.ABNORMAL,
        "client connection lost",
        null,
        new Frame(CloseCodes.ABNORMAL, ""),
        true,
        CLIENT_WENT_AWAY);
  }

  // ---- the upstream ended the connection ----

  /**
   * The upstream sent a close frame: its code and reason reach the client inside a CLOSE record of
   * origin upstream, so they cannot be mistaken for the proxy's own codes, followed by a plain 1000
   * close frame; the upstream's frame is echoed.
   */
  static CloseDecision upstreamClosed(int code, String reason) {
    CloseNotice notice = CloseNotice.upstream(code, truncate(reason));
    return new CloseDecision(
        Side.UPSTREAM,
        code,
        reason,
        code == CloseCodes.ABNORMAL ? null : notice,
        new Frame(notice.transportCode(), ""),
        true,
        new Frame(code, reason));
  }

  /** The upstream's connection dropped: the client gets 1014. */
  static CloseDecision upstreamLost() {
    Frame toClient = new Frame(CloseCodes.BAD_GATEWAY, "upstream connection lost");
    return new CloseDecision(
        Side.UPSTREAM,
        toClient.code(),
        toClient.reason(),
        socketx(toClient),
        toClient,
        true,
        new Frame(CloseCodes.ABNORMAL, ""));
  }

  // ---- the proxy ended the connection: the client's code is the audited code ----

  /** The client broke the SocketX protocol: it gets the error's code; the upstream went away. */
  static CloseDecision protocolError(ProtocolError error) {
    return proxy(new Frame(error.closeCode(), error.reason()), true, CLIENT_PROTOCOL_ERROR);
  }

  /**
   * Netty's frame decoder found a malformed or oversized client frame. The decoder discards
   * whatever the client sends after a violation, so there is no closing handshake to wait for.
   */
  static CloseDecision clientFrameError(int code, String reason) {
    return proxy(new Frame(code, reason), false, CLIENT_PROTOCOL_ERROR);
  }

  /** The proxy ends the connection for a reason of its own, with one code for both legs. */
  static CloseDecision proxy(int code, String reason) {
    Frame both = new Frame(code, reason);
    return proxy(both, true, both);
  }

  /** The proxy ends the connection with a different close frame on each leg. */
  static CloseDecision proxy(Frame toClient, Frame toUpstream) {
    return proxy(toClient, true, toUpstream);
  }

  private static CloseDecision proxy(Frame toClient, boolean awaitsClient, Frame toUpstream) {
    return new CloseDecision(
        Side.PROXY,
        toClient.code(),
        toClient.reason(),
        toClient.abrupt() ? null : socketx(toClient),
        toClient,
        awaitsClient,
        toUpstream);
  }

  private static CloseNotice socketx(Frame frame) {
    return new CloseNotice(CloseNotice.Origin.SOCKETX, frame.code(), frame.reason());
  }

  /** {@code reason} cut to what a close frame holds, at a UTF-8 character boundary. */
  private static String truncate(String reason) {
    if (reason == null) {
      return "";
    }
    byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_REASON_BYTES) {
      return reason;
    }
    int end = MAX_REASON_BYTES;
    while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
      end--;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }
}
