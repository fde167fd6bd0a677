package io.socketx.proxy.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.v2.ServerSession;
import io.socketx.protocol.v2.Wire;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The relay's WebSocket frames, built in the buffer that holds their bytes anyway: an upstream
 * message is sealed straight into the pooled buffer of the client's frame, and a client record
 * opened in place becomes the masked upstream frame in its own buffer. Both go to their channel as
 * raw bytes, past Netty's frame encoders.
 */
final class RelayFrames {
  private RelayFrames() {}

  /**
   * One pooled buffer with the binary frame carrying {@code message} (its readable bytes) as a
   * PROXY_DATA record, preceded by the KEY_UPDATE frame when the key reached its limit.
   */
  static ByteBuf sealForClient(
      ServerSession session, ByteBufAllocator alloc, MessageType type, ByteBuf message)
      throws ProtocolException {
    int size = message.readableBytes();
    boolean update = session.keyUpdateDue(size);
    int recordLength = Wire.sealedLength(size);
    int length = FrameHeader.length(recordLength, false) + recordLength;
    if (update) {
      length += FrameHeader.length(Wire.ENCRYPTED_OVERHEAD, false) + Wire.ENCRYPTED_OVERHEAD;
    }
    ByteBuf out = alloc.buffer(length);
    try {
      if (update) {
        FrameHeader.writeUnmasked(out, FrameHeader.BINARY, Wire.ENCRYPTED_OVERHEAD);
        session.encodeKeyUpdate(out.internalNioBuffer(out.writerIndex(), Wire.ENCRYPTED_OVERHEAD));
        out.writerIndex(out.writerIndex() + Wire.ENCRYPTED_OVERHEAD);
      }
      FrameHeader.writeUnmasked(out, FrameHeader.BINARY, recordLength);
      ByteBuffer plaintext =
          message.nioBufferCount() == 1
              ? message.internalNioBuffer(message.readerIndex(), size)
              : message.nioBuffer();
      session.encode(type, plaintext, out.internalNioBuffer(out.writerIndex(), recordLength));
      out.writerIndex(out.writerIndex() + recordLength);
      return out;
    } catch (ProtocolException | RuntimeException e) {
      out.release();
      throw e;
    }
  }

  /**
   * Turns {@code record}, whose record at {@code recordIndex} was decrypted in place (its {@code
   * payloadLength} plaintext bytes start {@link Wire#PLAINTEXT_OFFSET} bytes in), into one masked
   * frame for the upstream: the header takes the place of the record's header and sequence number
   * (at most 14 of their 15 bytes) and the payload is masked where it is. Returns {@code record},
   * its readable bytes now the frame.
   */
  static ByteBuf openedToUpstreamFrame(
      ByteBuf record, int recordIndex, MessageType type, int payloadLength) {
    int payloadIndex = recordIndex + Wire.PLAINTEXT_OFFSET;
    // the same source of masks as Netty's own client encoder
    int mask = ThreadLocalRandom.current().nextInt();
    int opcode = type == MessageType.TEXT ? FrameHeader.TEXT : FrameHeader.BINARY;
    int frameIndex = FrameHeader.setMaskedBefore(record, payloadIndex, opcode, payloadLength, mask);
    InPlaceMaskingEncoder.mask(record.internalNioBuffer(payloadIndex, payloadLength), mask);
    return record.setIndex(frameIndex, payloadIndex + payloadLength);
  }
}
