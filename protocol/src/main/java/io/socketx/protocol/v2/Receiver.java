package io.socketx.protocol.v2;

import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;

/**
 * One direction's receiving half: authenticates each record under the current key, then enforces
 * strict order (docs/protocol.md section 7) and the per-key limits (section 8).
 */
final class Receiver {
  private final int window;
  private final byte[] aad = new byte[Wire.HEADER_LENGTH + Wire.SEQUENCE_LENGTH];
  private KeyLimits limits;
  private KeyEpoch epoch;
  private long expected;
  private Set<Long> seenWhileHeld;
  private long lastSequence;

  Receiver(byte[] trafficSecret, int window, KeyLimits limits, AesGcmProvider provider) {
    if (window < 1) {
      throw new IllegalArgumentException("decoder window must be at least 1 but was " + window);
    }
    this.window = window;
    this.limits = limits;
    this.epoch = KeyEpoch.opening(trafficSecret, provider);
  }

  /** Switches to another traffic secret (handshake to application), counting afresh. */
  void rekey(byte[] trafficSecret) {
    epoch = epoch.replaceWith(trafficSecret);
  }

  /** After a KEY_UPDATE was delivered: every later record uses the next secret. */
  void update() {
    epoch = epoch.next();
  }

  void limits(KeyLimits limits) {
    this.limits = limits;
  }

  /**
   * Authenticates and order-checks one encrypted record whose header was checked. Returns its
   * plaintext, or null when the record is withheld because an earlier one is missing. A writable
   * record is decrypted in place: the plaintext is the record's own memory from {@link
   * Wire#PLAINTEXT_OFFSET} on; a read-only one is copied first.
   */
  ByteBuffer open(ByteBuffer record, RecordType type) throws ProtocolException {
    int start = record.position();
    int length = record.remaining();
    if (length < Wire.ENCRYPTED_OVERHEAD) {
      throw new ProtocolException(
          ProtocolError.MALFORMED_RECORD,
          "encrypted record of " + length + " bytes is shorter than " + Wire.ENCRYPTED_OVERHEAD);
    }
    long sequence = record.getLong(start + Wire.HEADER_LENGTH);
    lastSequence = sequence;
    record.get(start, aad);
    int sealedLength = length - Wire.PLAINTEXT_OFFSET;
    ByteBuffer target = record;
    int index = start + Wire.PLAINTEXT_OFFSET;
    if (record.isReadOnly()) {
      target = ByteBuffer.allocate(sealedLength).put(0, record, index, sealedLength);
      index = 0;
    }
    if (!epoch.key.openInPlace(sequence, aad, target, index, sealedLength)) {
      throw new ProtocolException(
          ProtocolError.AUTHENTICATION_FAILED,
          "record with sequence " + Long.toUnsignedString(sequence) + " failed authentication");
    }
    record.position(record.limit());
    if (!inOrder(sequence, type)) {
      return null;
    }
    int plaintextLength = sealedLength - Wire.TAG_LENGTH;
    epoch.count(plaintextLength);
    if (epoch.records > limits.records() || epoch.bytes > limits.bytes()) {
      throw new ProtocolException(
          ProtocolError.KEY_LIMIT_EXCEEDED,
          "peer protected "
              + epoch.records
              + " records / "
              + epoch.bytes
              + " bytes under one key without KEY_UPDATE");
    }
    return target.slice(index, plaintextLength);
  }

  private boolean inOrder(long sequence, RecordType type) throws ProtocolException {
    int order = Long.compareUnsigned(sequence, expected);
    if (seenWhileHeld == null && order == 0) {
      expected++;
      return true;
    }
    String seq = Long.toUnsignedString(sequence);
    String next = Long.toUnsignedString(expected);
    if (seenWhileHeld != null && order == 0) {
      throw new ProtocolException(
          ProtocolError.RECORD_REORDERED, "record " + seq + " arrived after a later record");
    }
    if (order < 0 || (seenWhileHeld != null && !seenWhileHeld.add(sequence))) {
      throw new ProtocolException(
          ProtocolError.RECORD_REPLAYED, "record " + seq + " was already received");
    }
    if (seenWhileHeld == null) {
      seenWhileHeld = new HashSet<>();
      seenWhileHeld.add(sequence);
    }
    if (seenWhileHeld.size() >= window
        || type == RecordType.KEY_UPDATE
        || type == RecordType.CLOSE) {
      throw gap();
    }
    return false;
  }

  /** The sequence number of the last record opened. */
  long lastSequence() {
    return lastSequence;
  }

  /** Whether a record is missing and delivery has stopped. */
  boolean holding() {
    return seenWhileHeld != null;
  }

  ProtocolException gap() {
    return new ProtocolException(
        ProtocolError.RECORD_GAP,
        "record "
            + Long.toUnsignedString(expected)
            + " is missing ("
            + (seenWhileHeld == null ? 0 : seenWhileHeld.size())
            + " later records arrived instead)");
  }

  /** Test hook: expects {@code sequence} (unsigned) next. */
  void jumpTo(long sequence) {
    expected = sequence;
  }
}
