package io.socketx.protocol;

import java.nio.ByteBuffer;

/** The 7-byte header every record starts with. */
public record RecordHeader(Action action, MessageType messageType) {

  /**
   * Reads and checks the header at the buffer's position without moving it.
   *
   * @throws ProtocolException on a short record, bad magic, bad version, unknown action or type
   */
  public static RecordHeader peek(ByteBuffer record) throws ProtocolException {
    if (record.remaining() < ProtocolConstants.HEADER_LENGTH) {
      throw new ProtocolException(
          ProtocolError.MALFORMED_RECORD,
          "record of "
              + record.remaining()
              + " bytes is shorter than the "
              + ProtocolConstants.HEADER_LENGTH
              + "-byte header");
    }
    int p = record.position();
    int magic = record.getInt(p);
    if (magic != ProtocolConstants.MAGIC) {
      throw new ProtocolException(
          ProtocolError.BAD_MAGIC, String.format("bad magic 0x%08x", magic));
    }
    int version = Byte.toUnsignedInt(record.get(p + 4));
    if (version != ProtocolConstants.VERSION) {
      throw new ProtocolException(
          ProtocolError.BAD_VERSION,
          "protocol version " + version + " is not supported (expected 1)");
    }
    Action action = Action.fromCode(Byte.toUnsignedInt(record.get(p + 5)));
    MessageType type = MessageType.fromCode(Byte.toUnsignedInt(record.get(p + 6)));
    return new RecordHeader(action, type);
  }

  /** Writes this header at the buffer's position and advances it. */
  public void writeTo(ByteBuffer dst) {
    dst.putInt(ProtocolConstants.MAGIC);
    dst.put((byte) ProtocolConstants.VERSION);
    dst.put((byte) action.code());
    dst.put((byte) messageType.code());
  }

  /** This header as a new 7-byte array. */
  public byte[] toBytes() {
    ByteBuffer b = ByteBuffer.allocate(ProtocolConstants.HEADER_LENGTH);
    writeTo(b);
    return b.array();
  }
}
