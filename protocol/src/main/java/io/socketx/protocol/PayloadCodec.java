package io.socketx.protocol;

import java.nio.ByteBuffer;

/**
 * Turns application payloads into encoded records and back, for one session and both of its
 * directions. Implementations keep their own sequence and replay state and are used from one thread
 * at a time.
 */
public interface PayloadCodec {

  /** How many bytes an encoded record carries beyond the header and the plaintext. */
  int overhead();

  /**
   * Writes a whole encoded record (header included) for {@code plaintext} at {@code dst}'s
   * position. Consumes {@code plaintext} and advances {@code dst} by {@code HEADER_LENGTH +
   * overhead() + plaintext length}. The two buffers must not overlap.
   */
  void encode(Action action, MessageType type, ByteBuffer plaintext, ByteBuffer dst)
      throws ProtocolException;

  /**
   * Authenticates and decodes a whole encoded record whose header was already checked, writing the
   * plaintext at {@code dst}'s position. Consumes {@code record}. {@code dst} may share memory with
   * {@code record} (in-place decoding) provided it starts at or before the record. Nothing is
   * written to {@code dst} unless the record authenticates.
   */
  void decode(ByteBuffer record, ByteBuffer dst) throws ProtocolException;
}
