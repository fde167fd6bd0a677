package io.socketx.proxy.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The upstream leg's frame encoder (the proxy is the WebSocket client there, so every frame is
 * masked, RFC 6455 section 5.3): masks the payload in the frame's own buffer and writes the header
 * in front of it, where Netty's encoder copies every payload into a new buffer while masking it. A
 * payload buffer the proxy may not own (shared, read-only or in pieces) is copied first.
 */
final class InPlaceMaskingEncoder extends MessageToMessageEncoder<WebSocketFrame>
    implements WebSocketFrameEncoder {
  private static final int MAX_CONTROL_PAYLOAD = 125;

  InPlaceMaskingEncoder() {
    super(WebSocketFrame.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
    ByteBuf data = frame.content();
    int length = data.readableBytes();
    int opcode = opcode(frame);
    if (opcode >= 0x8 && length > MAX_CONTROL_PAYLOAD) {
      throw new TooLongFrameException(
          "control frame payload of " + length + " bytes exceeds " + MAX_CONTROL_PAYLOAD);
    }
    // the same source of masks as Netty's own client encoder
    int mask = ThreadLocalRandom.current().nextInt();
    int firstByte = (frame.isFinalFragment() ? 0x80 : 0) | (frame.rsv() & 0x07) << 4 | opcode;
    ByteBuf header = ctx.alloc().buffer(FrameHeader.length(length, true));
    header.writerIndex(FrameHeader.set(header, 0, firstByte, length, true, mask));
    out.add(header);
    if (length == 0) {
      return;
    }
    ByteBuf payload;
    if (data.refCnt() == 1 && !data.isReadOnly() && data.nioBufferCount() == 1) {
      payload = data.retain();
    } else {
      payload = ctx.alloc().directBuffer(length).writeBytes(data, data.readerIndex(), length);
    }
    mask(payload.internalNioBuffer(payload.readerIndex(), length), mask);
    out.add(payload);
  }

  /** XORs {@code buffer}'s remaining bytes with the 4-byte mask, eight bytes at a time. */
  static void mask(ByteBuffer buffer, int mask) {
    buffer.order(ByteOrder.BIG_ENDIAN);
    long wide = ((long) mask << 32) | (mask & 0xFFFFFFFFL);
    int i = buffer.position();
    int end = buffer.limit();
    for (; i + Long.BYTES <= end; i += Long.BYTES) {
      buffer.putLong(i, buffer.getLong(i) ^ wide);
    }
    // the long steps kept the mask phase at 0, so the tail starts with the mask's first byte
    for (int k = 0; i < end; i++, k++) {
      buffer.put(i, (byte) (buffer.get(i) ^ (mask >>> (24 - 8 * (k & 3)))));
    }
  }

  private static int opcode(WebSocketFrame frame) {
    if (frame instanceof BinaryWebSocketFrame) {
      return 0x2;
    } else if (frame instanceof TextWebSocketFrame) {
      return 0x1;
    } else if (frame instanceof ContinuationWebSocketFrame) {
      return 0x0;
    } else if (frame instanceof PingWebSocketFrame) {
      return 0x9;
    } else if (frame instanceof PongWebSocketFrame) {
      return 0xA;
    } else if (frame instanceof CloseWebSocketFrame) {
      return 0x8;
    }
    throw new UnsupportedOperationException(
        "cannot encode frame of type " + frame.getClass().getName());
  }
}
