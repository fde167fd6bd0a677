package io.socketx.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** What client and server sessions share: record framing, the codec, and failure latching. */
abstract class SessionBase {
  protected final Entropy entropy;
  protected final Transcript transcript = new Transcript();
  protected PayloadCodec codec;
  protected Suite suite;
  protected String eeid;
  private boolean failed;

  SessionBase(Entropy entropy) {
    this.entropy = entropy;
  }

  /** Size of the PROXY_DATA record for a payload of {@code plaintextLength} bytes. */
  public int encodedSize(int plaintextLength) {
    requireCodec();
    return ProtocolConstants.HEADER_LENGTH + codec.overhead() + plaintextLength;
  }

  /**
   * Encodes one application message as a PROXY_DATA record at {@code dst}'s position.
   *
   * @throws IllegalStateException if the session is not open
   */
  public void encode(MessageType type, ByteBuffer plaintext, ByteBuffer dst)
      throws ProtocolException {
    requireOpen();
    if (type == MessageType.NONE) {
      throw new IllegalArgumentException("PROXY_DATA must be TEXT or BINARY");
    }
    codec.encode(Action.PROXY_DATA, type, plaintext, dst);
  }

  /** Encodes one application message as a new PROXY_DATA record, ready to read. */
  public ByteBuffer encode(MessageType type, ByteBuffer plaintext) throws ProtocolException {
    ByteBuffer dst = ByteBuffer.allocate(encodedSize(plaintext.remaining()));
    encode(type, plaintext, dst);
    return dst.flip();
  }

  /** The session id (base64url, no padding) from RESPONSE, or null before it. */
  public String eeid() {
    return eeid;
  }

  /** The negotiated suite, or null before it was chosen. */
  public Suite suite() {
    return suite;
  }

  /** Whether the session has reached the state where application data flows. */
  public abstract boolean isOpen();

  /** Checks the header and the state, latching the session as failed on any error. */
  protected final RecordHeader admit(ByteBuffer record, Action expected, String state)
      throws ProtocolException {
    if (failed) {
      throw new ProtocolException(
          ProtocolError.UNEXPECTED_ACTION, "session already failed; no record is accepted");
    }
    try {
      RecordHeader header = RecordHeader.peek(record);
      if (header.action() != expected) {
        throw new ProtocolException(
            ProtocolError.UNEXPECTED_ACTION,
            header.action() + " is not allowed while " + state + " (expected " + expected + ")");
      }
      boolean data = header.action() == Action.PROXY_DATA;
      if (data == (header.messageType() == MessageType.NONE)) {
        throw new ProtocolException(
            ProtocolError.UNKNOWN_MESSAGE_TYPE,
            header.action() + " must not carry message type " + header.messageType());
      }
      if (!data
          && isHandshake(header.action())
          && record.remaining() > ProtocolConstants.MAX_HANDSHAKE_RECORD) {
        throw new ProtocolException(
            ProtocolError.MESSAGE_TOO_LARGE,
            header.action()
                + " of "
                + record.remaining()
                + " bytes exceeds "
                + ProtocolConstants.MAX_HANDSHAKE_RECORD);
      }
      return header;
    } catch (ProtocolException e) {
      failed = true;
      throw e;
    }
  }

  /** Marks the session failed; every later record is rejected. */
  protected final ProtocolException fail(ProtocolException e) {
    failed = true;
    return e;
  }

  private static boolean isHandshake(Action action) {
    return action.code() <= Action.PAIR_RESPONSE.code();
  }

  /** The JSON body of a plain handshake record, past its header. */
  protected static ByteBuffer body(ByteBuffer record) {
    return record.duplicate().position(record.position() + ProtocolConstants.HEADER_LENGTH);
  }

  /** A plain (unencoded) handshake record. */
  protected static ByteBuffer plainRecord(Action action, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(ProtocolConstants.HEADER_LENGTH + body.length);
    new RecordHeader(action, MessageType.NONE).writeTo(b);
    return b.put(body).flip();
  }

  /** An encoded control record carrying a small JSON body. */
  protected final ByteBuffer encodedControl(Action action, String json) throws ProtocolException {
    ByteBuffer plaintext = ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
    ByteBuffer dst =
        ByteBuffer.allocate(
            ProtocolConstants.HEADER_LENGTH + codec.overhead() + plaintext.remaining());
    codec.encode(action, MessageType.NONE, plaintext, dst);
    return dst.flip();
  }

  /**
   * Authenticates and decodes a record, reusing its memory for the plaintext unless it is
   * read-only. Returns the plaintext, ready to read.
   */
  protected final ByteBuffer decode(ByteBuffer record) throws ProtocolException {
    ByteBuffer dst;
    int start = record.position();
    if (record.isReadOnly()) {
      dst = ByteBuffer.allocate(Math.max(0, record.remaining() - ProtocolConstants.HEADER_LENGTH));
      start = 0;
    } else {
      dst = record.duplicate();
    }
    try {
      codec.decode(record, dst);
    } catch (ProtocolException e) {
      throw fail(e);
    }
    return dst.flip().position(start).slice();
  }

  private void requireCodec() {
    if (codec == null) {
      throw new IllegalStateException("the handshake has not derived keys yet");
    }
  }

  private void requireOpen() {
    if (!isOpen()) {
      throw new IllegalStateException("the session is not open for application data");
    }
  }
}
