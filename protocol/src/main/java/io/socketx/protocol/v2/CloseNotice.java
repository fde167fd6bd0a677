package io.socketx.protocol.v2;

import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The content of an authenticated CLOSE record: who ended the session, the close code and reason
 * (docs/protocol.md section 9). Upstream codes keep their own origin so they never read as SocketX
 * codes.
 */
public record CloseNotice(Origin origin, int code, String reason) {

  /** Where a close code comes from. */
  public enum Origin {
    /**
     * The client or the proxy itself: a code of docs/protocol.md section 10 or a WebSocket code.
     */
    SOCKETX,
    /** The upstream server's own WebSocket close code, forwarded unchanged. */
    UPSTREAM
  }

  public CloseNotice {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(reason, "reason");
    if (code < 0 || code > 0xffff) {
      throw new IllegalArgumentException("close code must fit 16 bits but was " + code);
    }
    if (reason.getBytes(StandardCharsets.UTF_8).length > Wire.MAX_CLOSE_REASON) {
      throw new IllegalArgumentException(
          "close reason must be at most " + Wire.MAX_CLOSE_REASON + " UTF-8 bytes");
    }
  }

  /** A normal end of the session by this side (1000). */
  public static CloseNotice normal() {
    return new CloseNotice(Origin.SOCKETX, 1000, "");
  }

  /** This side ends the session because of {@code error}. */
  public static CloseNotice of(ProtocolError error) {
    return new CloseNotice(Origin.SOCKETX, error.closeCode(), error.reason());
  }

  /** The upstream closed with {@code code} (1005 when it sent none). */
  public static CloseNotice upstream(int code, String reason) {
    return new CloseNotice(Origin.UPSTREAM, code, reason);
  }

  /** The WebSocket close code to use after sending this notice: 1000 for upstream closes. */
  public int transportCode() {
    return origin == Origin.UPSTREAM ? 1000 : code;
  }

  ByteBuffer encode() {
    byte[] r = reason.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(3 + r.length)
        .put((byte) origin.ordinal())
        .putShort((short) code)
        .put(r)
        .flip();
  }

  static CloseNotice decode(ByteBuffer body) throws ProtocolException {
    if (body.remaining() < 3 || body.remaining() > 3 + Wire.MAX_CLOSE_REASON) {
      throw new ProtocolException(
          ProtocolError.MALFORMED_RECORD,
          "CLOSE body of "
              + body.remaining()
              + " bytes (3 to "
              + (3 + Wire.MAX_CLOSE_REASON)
              + ")");
    }
    int origin = Byte.toUnsignedInt(body.get());
    if (origin > 1) {
      throw new ProtocolException(
          ProtocolError.MALFORMED_RECORD, "CLOSE origin " + origin + " is neither 0 nor 1");
    }
    int code = Short.toUnsignedInt(body.getShort());
    String reason = StrictUtf8.decodeOrNull(body);
    if (reason == null) {
      throw new ProtocolException(ProtocolError.MALFORMED_RECORD, "CLOSE reason is not UTF-8");
    }
    return new CloseNotice(Origin.values()[origin], code, reason);
  }
}
