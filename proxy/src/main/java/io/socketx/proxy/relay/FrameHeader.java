package io.socketx.proxy.relay;

import io.netty.buffer.ByteBuf;

/**
 * The header of one WebSocket frame (RFC 6455 section 5.2). The relay writes it straight into the
 * buffer that holds the payload and hands that buffer to the channel as raw bytes, which Netty's
 * frame encoders let through: a relayed message needs neither a frame object nor a header buffer.
 */
final class FrameHeader {
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;

  private static final int FIN = 0x80;
  private static final int MASKED = 0x80;
  private static final int SHORT_LIMIT = 125;

  private FrameHeader() {}

  /** Bytes of the header of a frame with {@code payloadLength} bytes, with or without a mask. */
  static int length(int payloadLength, boolean masked) {
    int base = payloadLength <= SHORT_LIMIT ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
    return masked ? base + 4 : base;
  }

  /** Appends the header of a final, unmasked frame (the proxy to a client). */
  static void writeUnmasked(ByteBuf out, int opcode, int payloadLength) {
    int n = length(payloadLength, false);
    out.ensureWritable(n);
    set(out, out.writerIndex(), FIN | opcode, payloadLength, false, 0);
    out.writerIndex(out.writerIndex() + n);
  }

  /**
   * Writes a header at {@code index}: {@code firstByte} (FIN, RSV and opcode), the payload length
   * and, when {@code masked}, the masking key {@code mask}. Returns the header's length.
   */
  static int set(
      ByteBuf buf, int index, int firstByte, int payloadLength, boolean masked, int mask) {
    int maskBit = masked ? MASKED : 0;
    buf.setByte(index, firstByte);
    int i = index + 1;
    if (payloadLength <= SHORT_LIMIT) {
      buf.setByte(i++, maskBit | payloadLength);
    } else if (payloadLength <= 0xFFFF) {
      buf.setByte(i++, maskBit | 126);
      buf.setShort(i, payloadLength);
      i += 2;
    } else {
      buf.setByte(i++, maskBit | 127);
      buf.setLong(i, payloadLength);
      i += 8;
    }
    if (masked) {
      buf.setInt(i, mask);
      i += 4;
    }
    return i - index;
  }

  /**
   * Writes the header of a final, masked frame (the proxy to an upstream) just before {@code
   * payloadIndex}; returns where it starts.
   */
  static int setMaskedBefore(
      ByteBuf buf, int payloadIndex, int opcode, int payloadLength, int mask) {
    int start = payloadIndex - length(payloadLength, true);
    set(buf, start, FIN | opcode, payloadLength, true, mask);
    return start;
  }
}
