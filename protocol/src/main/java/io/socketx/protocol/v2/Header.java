package io.socketx.protocol.v2;

import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolConstants;
import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.ProtocolException;
import java.nio.ByteBuffer;

/** The 7-byte header of a v2 record. */
record Header(RecordType type, MessageType messageType) {
  private static final RecordType[] TYPES = RecordType.values();
  private static final MessageType[] MESSAGE_TYPES = MessageType.values();

  /** Every header, so that reading one allocates nothing. */
  private static final Header[][] ALL = new Header[TYPES.length][MESSAGE_TYPES.length];

  static {
    for (RecordType t : TYPES) {
      for (MessageType m : MESSAGE_TYPES) {
        ALL[t.ordinal()][m.ordinal()] = new Header(t, m);
      }
    }
  }

  /** The header of {@code type} records carrying {@code messageType}. */
  static Header of(RecordType type, MessageType messageType) {
    return ALL[type.ordinal()][messageType.ordinal()];
  }

  /** Reads and checks the header at the buffer's position without moving it (section 2). */
  static Header peek(ByteBuffer record) throws ProtocolException {
    if (record.remaining() < Wire.HEADER_LENGTH) {
      throw new ProtocolException(
          ProtocolError.MALFORMED_RECORD,
          "record of " + record.remaining() + " bytes is shorter than the 7-byte header");
    }
    int p = record.position();
    int magic = record.getInt(p);
    if (magic != ProtocolConstants.MAGIC) {
      throw new ProtocolException(
          ProtocolError.BAD_MAGIC, String.format("bad magic 0x%08x", magic));
    }
    int version = Byte.toUnsignedInt(record.get(p + 4));
    if (version != Wire.VERSION) {
      throw new ProtocolException(
          ProtocolError.BAD_VERSION,
          "protocol version " + version + " is not supported (expected " + Wire.VERSION + ")");
    }
    RecordType type = RecordType.fromCode(Byte.toUnsignedInt(record.get(p + 5)));
    MessageType messageType = messageType(Byte.toUnsignedInt(record.get(p + 6)));
    boolean data = type == RecordType.PROXY_DATA;
    if (data == (messageType == MessageType.NONE)) {
      throw new ProtocolException(
          ProtocolError.UNKNOWN_MESSAGE_TYPE, type + " must not carry message type " + messageType);
    }
    return of(type, messageType);
  }

  private static MessageType messageType(int code) throws ProtocolException {
    for (MessageType t : MESSAGE_TYPES) {
      if (t.code() == code) {
        return t;
      }
    }
    throw new ProtocolException(ProtocolError.UNKNOWN_MESSAGE_TYPE, "unknown message type " + code);
  }

  /** Writes this header at the buffer's position and advances it. */
  void writeTo(ByteBuffer dst) {
    dst.putInt(ProtocolConstants.MAGIC);
    dst.put((byte) Wire.VERSION);
    dst.put((byte) type.code());
    dst.put((byte) messageType.code());
  }

  /** Writes this header at the start of {@code dst}. */
  void writeTo(byte[] dst) {
    int magic = ProtocolConstants.MAGIC;
    dst[0] = (byte) (magic >>> 24);
    dst[1] = (byte) (magic >>> 16);
    dst[2] = (byte) (magic >>> 8);
    dst[3] = (byte) magic;
    dst[4] = (byte) Wire.VERSION;
    dst[5] = (byte) type.code();
    dst[6] = (byte) messageType.code();
  }
}
