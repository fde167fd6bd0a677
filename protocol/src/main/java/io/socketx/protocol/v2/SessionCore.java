package io.socketx.protocol.v2;

import io.socketx.protocol.Entropy;
import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.Suite;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What v2 client and proxy sessions share: admission of records by state, the two record-layer
 * halves, key update, authenticated close and the end-of-stream verdict. Not thread-safe.
 */
abstract class SessionCore {
  private final AesGcmProvider aesGcm;

  /** Random values for the handshake; dropped once it is done. */
  protected Entropy entropy;

  /** The handshake transcript; dropped once the application keys are derived. */
  protected HandshakeTranscript transcript = new HandshakeTranscript();

  protected Sender sender;
  protected Receiver receiver;
  protected Suite suite;
  protected String eeid;
  private KeyLimits receiveLimits = KeyLimits.PROTOCOL;
  private boolean failed;
  private CloseNotice closeReceived;
  private boolean closeSent;

  SessionCore(Entropy entropy, AesGcmProvider aesGcm) {
    this.entropy = entropy;
    this.aesGcm = aesGcm;
  }

  /** The negotiated suite, or null before it is known. */
  public Suite suite() {
    return suite;
  }

  /** The session id (base64url, no padding), or null before SERVER_HELLO. */
  public String eeid() {
    return eeid;
  }

  /** Consumes one whole binary WebSocket message from the peer. */
  public abstract Event receive(ByteBuffer record) throws ProtocolException;

  /** Whether this side may send application data now. */
  public abstract boolean canSend();

  /**
   * Encodes one application message as a PROXY_DATA record, preceded by a KEY_UPDATE record when
   * the current key reached its limit. Send the records in order, each as one binary message.
   *
   * @throws IllegalStateException if this side may not send data now
   */
  public List<ByteBuffer> encode(MessageType type, ByteBuffer plaintext) throws ProtocolException {
    requireDataAllowed(type);
    beforeData(plaintext.remaining());
    List<ByteBuffer> out = new ArrayList<>(2);
    if (sender.updateDue(plaintext.remaining())) {
      out.add(sender.keyUpdate());
    }
    out.add(sender.seal(RecordType.PROXY_DATA, type, plaintext));
    return out;
  }

  /**
   * Whether the current key reached its limit, so that a KEY_UPDATE record ({@link
   * #encodeKeyUpdate}) must go before the next message of {@code length} bytes.
   */
  public boolean keyUpdateDue(int length) {
    return sender != null && sender.updateDue(length);
  }

  /**
   * Seals the KEY_UPDATE record ({@link Wire#ENCRYPTED_OVERHEAD} bytes, its own binary message) at
   * {@code dst}'s position and advances it; every later record uses the next key.
   *
   * @throws IllegalStateException if this side may not send data now
   */
  public void encodeKeyUpdate(ByteBuffer dst) throws ProtocolException {
    requireDataAllowed(MessageType.BINARY);
    sender.keyUpdate(dst);
  }

  /**
   * Seals one application message as a PROXY_DATA record of {@link Wire#sealedLength} bytes at
   * {@code dst}'s position and advances it; {@code plaintext} is consumed. No buffer is allocated:
   * the record goes straight into the caller's.
   *
   * @throws IllegalStateException if this side may not send data now, or a KEY_UPDATE record is due
   *     ({@link #keyUpdateDue}) and was not sent first
   */
  public void encode(MessageType type, ByteBuffer plaintext, ByteBuffer dst)
      throws ProtocolException {
    requireDataAllowed(type);
    if (sender.updateDue(plaintext.remaining())) {
      throw new IllegalStateException("the key reached its limit: send encodeKeyUpdate first");
    }
    beforeData(plaintext.remaining());
    sender.seal(RecordType.PROXY_DATA, type, plaintext, dst);
  }

  private void requireDataAllowed(MessageType type) {
    if (type == MessageType.NONE) {
      throw new IllegalArgumentException("PROXY_DATA must be TEXT or BINARY");
    }
    if (!canSend() || closeSent || failed) {
      throw new IllegalStateException("the session cannot send application data now");
    }
  }

  /** Hook before a PROXY_DATA record is sealed (the client counts its early data). */
  void beforeData(int length) {}

  /**
   * The authenticated CLOSE record that ends the session from this side; send it, then close the
   * WebSocket with {@link CloseNotice#transportCode()}. Nothing can be sent afterwards.
   *
   * @throws IllegalStateException before keys exist (close the WebSocket directly then) or when a
   *     CLOSE was already sent
   */
  public ByteBuffer close(CloseNotice notice) throws ProtocolException {
    if (sender == null || closeSent) {
      throw new IllegalStateException(
          sender == null ? "no keys yet: close the transport directly" : "CLOSE was already sent");
    }
    closeSent = true;
    return sender.seal(RecordType.CLOSE, MessageType.NONE, notice.encode());
  }

  /**
   * The transport ended. Returns the peer's authenticated CLOSE, or fails with {@code RECORD_GAP}
   * when a record was missing, else {@code TRUNCATED}: the session must then not be reported as
   * ended normally.
   */
  public CloseNotice endOfStream() throws ProtocolException {
    if (closeReceived != null) {
      return closeReceived;
    }
    failed = true;
    if (receiver != null && receiver.holding()) {
      throw receiver.gap();
    }
    throw new ProtocolException(
        ProtocolError.TRUNCATED,
        receiver == null
            ? "the transport ended during the handshake"
            : "the transport ended without an authenticated CLOSE");
  }

  /** Checks header and state; latches the session as failed on any error. */
  protected final Header admit(ByteBuffer record, Set<RecordType> allowed, String state)
      throws ProtocolException {
    if (failed || closeReceived != null) {
      throw fail(
          new ProtocolException(
              ProtocolError.UNEXPECTED_ACTION,
              failed
                  ? "session already failed; no record is accepted"
                  : "session was closed by the peer; no record is accepted"));
    }
    try {
      Header header = Header.peek(record);
      if (!allowed.contains(header.type())) {
        throw new ProtocolException(
            ProtocolError.UNEXPECTED_ACTION,
            header.type() + " is not allowed while " + state + " (expected " + allowed + ")");
      }
      return header;
    } catch (ProtocolException e) {
      throw fail(e);
    }
  }

  /** Marks the session failed; every later record is rejected. */
  protected final ProtocolException fail(ProtocolException e) {
    failed = true;
    return e;
  }

  /**
   * Opens an encrypted record and handles the types every open session shares; the plaintext of the
   * other types goes to {@link #onPlaintext}.
   */
  protected final Event receiveEncrypted(ByteBuffer record, Header header)
      throws ProtocolException {
    ByteBuffer plaintext = receiver.open(record, header.type());
    if (plaintext == null) {
      return new Event.Withheld(receiver.lastSequence());
    }
    return switch (header.type()) {
      case KEY_UPDATE -> {
        requireEmpty(plaintext, header.type());
        receiver.update();
        yield new Event.KeyUpdated();
      }
      case CLOSE -> {
        closeReceived = CloseNotice.decode(plaintext);
        yield new Event.Closed(closeReceived);
      }
      default -> onPlaintext(header, plaintext);
    };
  }

  /** Handles the plaintext of a session-specific record type. */
  abstract Event onPlaintext(Header header, ByteBuffer plaintext) throws ProtocolException;

  /** The handshake is over: what only it needed goes. */
  protected final void handshakeDone() {
    transcript = null;
    entropy = null;
  }

  static void requireEmpty(ByteBuffer plaintext, RecordType type) throws ProtocolException {
    if (plaintext.hasRemaining()) {
      throw new ProtocolException(
          ProtocolError.MALFORMED_RECORD,
          type + " must be empty but carries " + plaintext.remaining() + " bytes");
    }
  }

  /** Test hook: the receiver enforces these limits instead of the protocol's. */
  void receiveLimits(KeyLimits limits) {
    receiveLimits = limits;
    if (receiver != null) {
      receiver.limits(limits);
    }
  }

  protected final Receiver newReceiver(byte[] secret, int window) {
    return new Receiver(secret, window, receiveLimits, aesGcm);
  }

  protected final Sender newSender(byte[] secret, KeyLimits limits) {
    return new Sender(secret, limits, aesGcm);
  }

  /** The provider of this session's AES-GCM. */
  protected final AesGcmProvider aesGcm() {
    return aesGcm;
  }

  /** Test hook: both halves continue numbering at {@code sequence} (unsigned). */
  void jumpSequences(long sequence) {
    sender.jumpTo(sequence);
    receiver.jumpTo(sequence);
  }
}
