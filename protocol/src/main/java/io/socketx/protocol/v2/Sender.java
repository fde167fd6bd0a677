package io.socketx.protocol.v2;

import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.ProtocolException;
import java.nio.ByteBuffer;

/**
 * One direction's sending half: the current traffic secret and key, the next sequence number, and
 * what the key has protected so far (docs/protocol.md sections 2, 7 and 8).
 */
final class Sender {
  private final KeyLimits limits;
  private final byte[] aad = new byte[Wire.HEADER_LENGTH + Wire.SEQUENCE_LENGTH];
  private KeyEpoch epoch;
  private long nextSequence;

  Sender(byte[] trafficSecret, KeyLimits limits) {
    this.limits = limits;
    this.epoch = new KeyEpoch(trafficSecret, AeadKey::sealing);
  }

  /** Switches to another traffic secret (handshake to application), counting afresh. */
  void rekey(byte[] trafficSecret) {
    epoch = epoch.replaceWith(trafficSecret);
  }

  /** Whether a record of {@code length} plaintext bytes must wait for a KEY_UPDATE first. */
  boolean updateDue(int length) {
    if (length > limits.bytes()) {
      throw new IllegalArgumentException(
          "a message of " + length + " bytes exceeds the per-key limit of " + limits.bytes());
    }
    return epoch.records + 2 > limits.records() || epoch.bytes + length > limits.bytes();
  }

  /** The KEY_UPDATE record under the current key; every later record uses the next secret. */
  ByteBuffer keyUpdate() throws ProtocolException {
    ByteBuffer record = seal(RecordType.KEY_UPDATE, MessageType.NONE, ByteBuffer.allocate(0));
    epoch = epoch.next();
    return record;
  }

  /** One whole encrypted record, ready to read. */
  ByteBuffer seal(RecordType type, MessageType messageType, ByteBuffer plaintext)
      throws ProtocolException {
    if (nextSequence == -1L) {
      throw new ProtocolException(
          ProtocolError.SEQUENCE_EXHAUSTED, "sequence number 2^64 - 1 reached; end the session");
    }
    long sequence = nextSequence++;
    int length = plaintext.remaining();
    ByteBuffer record = ByteBuffer.allocate(Wire.ENCRYPTED_OVERHEAD + length);
    new Header(type, messageType).writeTo(record);
    record.putLong(sequence);
    record.get(0, aad);
    epoch.key.seal(sequence, aad, plaintext, record);
    epoch.count(length);
    return record.flip();
  }

  /** The sequence number the next record gets. */
  long nextSequence() {
    return nextSequence;
  }

  /** Test hook: continues numbering at {@code sequence} (unsigned), as after that many records. */
  void jumpTo(long sequence) {
    nextSequence = sequence;
  }
}
