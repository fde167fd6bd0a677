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
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

  private final KeyLimits limits;
  private final byte[] aad = new byte[Wire.HEADER_LENGTH + Wire.SEQUENCE_LENGTH];
  private KeyEpoch epoch;
  private long nextSequence;

  Sender(byte[] trafficSecret, KeyLimits limits, AesGcmProvider provider) {
    this.limits = limits;
    this.epoch = KeyEpoch.sealing(trafficSecret, provider);
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
    ByteBuffer record = ByteBuffer.allocate(Wire.ENCRYPTED_OVERHEAD);
    keyUpdate(record);
    return record.flip();
  }

  /** Seals the KEY_UPDATE record at {@code dst}'s position; later records use the next secret. */
  void keyUpdate(ByteBuffer dst) throws ProtocolException {
    seal(RecordType.KEY_UPDATE, MessageType.NONE, EMPTY.duplicate(), dst);
    epoch = epoch.next();
  }

  /** One whole encrypted record, ready to read. */
  ByteBuffer seal(RecordType type, MessageType messageType, ByteBuffer plaintext)
      throws ProtocolException {
    ByteBuffer record = ByteBuffer.allocate(Wire.sealedLength(plaintext.remaining()));
    seal(type, messageType, plaintext, record);
    return record.flip();
  }

  /**
   * Seals one whole record of {@link Wire#sealedLength} bytes at {@code dst}'s position and
   * advances it; {@code plaintext} is consumed.
   */
  void seal(RecordType type, MessageType messageType, ByteBuffer plaintext, ByteBuffer dst)
      throws ProtocolException {
    int length = plaintext.remaining();
    if (dst.remaining() < Wire.sealedLength(length)) {
      throw new IllegalArgumentException(
          "destination has "
              + dst.remaining()
              + " bytes left, the record needs "
              + Wire.sealedLength(length));
    }
    if (nextSequence == -1L) {
      throw new ProtocolException(
          ProtocolError.SEQUENCE_EXHAUSTED, "sequence number 2^64 - 1 reached; end the session");
    }
    long sequence = nextSequence++;
    Header.of(type, messageType).writeTo(aad);
    for (int i = 0; i < Wire.SEQUENCE_LENGTH; i++) {
      aad[Wire.HEADER_LENGTH + i] = (byte) (sequence >>> (56 - 8 * i));
    }
    dst.put(aad);
    epoch.key.seal(sequence, aad, plaintext, dst);
    epoch.count(length);
  }

  /** Drops the current key's cipher until the next record (the session went idle). */
  void idle() {
    epoch.key.release();
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
