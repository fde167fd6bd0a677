package io.socketx.protocol.v2;

import io.socketx.protocol.Entropy;
import io.socketx.protocol.EntropyPurpose;
import io.socketx.protocol.HybridKeyExchange;
import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.Suite;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The proxy side of one v2 session: answers CLIENT_HELLO with its share and signed identity, checks
 * the client's Finished MAC before acting on the pathname, and holds early data in order until the
 * upstream is connected (docs/protocol.md sections 6 and 9). Not thread-safe.
 */
public final class ServerSession extends SessionCore {

  private enum State {
    AWAIT_CLIENT_HELLO("awaiting CLIENT_HELLO", EnumSet.of(RecordType.CLIENT_HELLO)),
    AWAIT_CLIENT_FINISHED("awaiting CLIENT_FINISHED", EnumSet.of(RecordType.CLIENT_FINISHED)),
    CONNECTING(
        "connecting upstream",
        EnumSet.of(RecordType.PROXY_DATA, RecordType.KEY_UPDATE, RecordType.CLOSE)),
    OPEN("open", EnumSet.of(RecordType.PROXY_DATA, RecordType.KEY_UPDATE, RecordType.CLOSE));

    final String description;
    final Set<RecordType> allowed;

    State(String description, Set<RecordType> allowed) {
      this.description = description;
      this.allowed = allowed;
    }
  }

  /**
   * What to do once the upstream is connected: forward {@code earlyData} upstream in order, and
   * send {@code upstreamConnected} to the client.
   */
  public record UpstreamReady(ByteBuffer upstreamConnected, List<Event.Data> earlyData) {}

  private final ServerSettings settings;

  /** Early data held until the upstream is connected; null while there is none. */
  private List<Event.Data> early;

  private long earlyBytes;
  private byte[] expectedClientFinished;
  private byte[] clientApplicationSecret;
  private State state = State.AWAIT_CLIENT_HELLO;

  public ServerSession(ServerSettings settings, Entropy entropy) {
    super(entropy, settings.aesGcm());
    this.settings = settings;
  }

  public ServerSession(ServerSettings settings, SecureRandom random) {
    this(settings, Entropy.from(random));
  }

  /**
   * Consumes one whole binary WebSocket message from the client. PROXY_DATA in a writable buffer is
   * decrypted in place: the payload is a slice of the record's own memory, {@link
   * Wire#PLAINTEXT_OFFSET} bytes after its start. Early data is copied.
   *
   * @throws ProtocolException when the record breaks the protocol; the session then rejects
   *     everything after it
   */
  @Override
  public Event receive(ByteBuffer record) throws ProtocolException {
    Header header = admit(record, state.allowed, state.description);
    try {
      if (header.type() == RecordType.CLIENT_HELLO) {
        return onClientHello(record);
      }
      return receiveEncrypted(record, header);
    } catch (ProtocolException e) {
      throw fail(e);
    }
  }

  /**
   * The upstream leg is connected: returns the UPSTREAM_CONNECTED record and the early data held so
   * far, and opens the session for data in both directions.
   *
   * @throws IllegalStateException unless an upstream connection was requested
   */
  public UpstreamReady upstreamConnected() throws ProtocolException {
    if (state != State.CONNECTING) {
      throw new IllegalStateException("no upstream connection was requested (state " + state + ")");
    }
    ByteBuffer record =
        sender.seal(RecordType.UPSTREAM_CONNECTED, MessageType.NONE, ByteBuffer.allocate(0));
    // an idle connection keeps no cipher: the first message makes the key's cipher again
    sender.idle();
    List<Event.Data> held = early == null ? List.of() : List.copyOf(early);
    early = null;
    state = State.OPEN;
    return new UpstreamReady(record, held);
  }

  @Override
  public boolean canSend() {
    return state == State.OPEN;
  }

  @Override
  Event onPlaintext(Header header, ByteBuffer plaintext) throws ProtocolException {
    if (header.type() == RecordType.CLIENT_FINISHED) {
      return onClientFinished(plaintext);
    }
    Event.Data data = new Event.Data(header.messageType(), plaintext);
    if (state == State.OPEN) {
      return data;
    }
    if (early == null) {
      early = new ArrayList<>();
    }
    earlyBytes += plaintext.remaining();
    if (early.size() + 1 > Wire.MAX_EARLY_RECORDS || earlyBytes > Wire.MAX_EARLY_BYTES) {
      early.clear();
      throw new ProtocolException(
          ProtocolError.EARLY_DATA_LIMIT,
          "client sent more than "
              + Wire.MAX_EARLY_RECORDS
              + " records or "
              + Wire.MAX_EARLY_BYTES
              + " bytes before UPSTREAM_CONNECTED");
    }
    ByteBuffer copy = ByteBuffer.allocate(plaintext.remaining()).put(plaintext).flip();
    early.add(new Event.Data(header.messageType(), copy));
    return new Event.EarlyDataHeld(early.size(), earlyBytes);
  }

  private Event onClientHello(ByteBuffer record) throws ProtocolException {
    ByteBuffer in = record.duplicate().position(record.position() + Wire.HEADER_LENGTH);
    if (in.remaining() < 2) {
      throw new ProtocolException(
          ProtocolError.MALFORMED_RECORD, "CLIENT_HELLO is shorter than suite and hint count");
    }
    Suite offered = HelloLayout.suite(Byte.toUnsignedInt(in.get()));
    if (!offered.atLeast(settings.minimumSuite())) {
      throw new ProtocolException(
          ProtocolError.SUITE_BELOW_MINIMUM,
          offered.wireName()
              + " is below the proxy's minimum "
              + settings.minimumSuite().wireName()
              + "; configure the client with a stronger suite");
    }
    int hintCount = Byte.toUnsignedInt(in.get());
    if (hintCount > Wire.MAX_HINTS) {
      throw new ProtocolException(
          ProtocolError.MALFORMED_RECORD,
          "CLIENT_HELLO carries " + hintCount + " pin hints; at most " + Wire.MAX_HINTS);
    }
    int expected = HelloLayout.clientHelloLength(offered, hintCount);
    if (record.remaining() != expected) {
      throw new ProtocolException(
          ProtocolError.MALFORMED_RECORD,
          "CLIENT_HELLO for "
              + offered.wireName()
              + " with "
              + hintCount
              + " hints has "
              + expected
              + " bytes, not "
              + record.remaining());
    }
    suite = offered;
    byte[] hints = ClientSession.take(in, hintCount * Wire.HINT_LENGTH);
    byte[] clientX25519 = ClientSession.take(in, HybridKeyExchange.X25519_KEY_LENGTH);
    byte[] clientMlkem = suite.hasMlKem() ? ClientSession.take(in, in.remaining()) : null;
    HybridKeyExchange.ServerAnswer answer =
        HybridKeyExchange.answer(
            suite,
            clientX25519,
            clientMlkem,
            entropy.next(EntropyPurpose.V2_SERVER_X25519, HybridKeyExchange.X25519_KEY_LENGTH),
            suite.hasMlKem()
                ? entropy.next(EntropyPurpose.V2_SERVER_MLKEM_M, HybridKeyExchange.MLKEM_M_LENGTH)
                : null);
    byte[] sessionId = entropy.next(EntropyPurpose.V2_EEID, Wire.EEID_LENGTH);

    ByteBuffer reply = ByteBuffer.allocate(HelloLayout.serverHelloLength(suite));
    new Header(RecordType.SERVER_HELLO, MessageType.NONE).writeTo(reply);
    reply.put((byte) HelloLayout.suiteId(suite)).put(sessionId).put(answer.x25519Public());
    if (suite.hasMlKem()) {
      reply.put(answer.mlkemCiphertext());
    }
    byte[] share = Arrays.copyOf(reply.array(), reply.position());

    byte[] ikm = answer.secrets().mlkemFirst();
    answer.secrets().destroy();
    byte[] handshakeSecret = KeySchedule.handshakeSecret(ikm);
    Arrays.fill(ikm, (byte) 0);
    transcript.add(record);
    transcript.add(share);
    byte[] shareHash = transcript.hash();
    byte[] serverHs = KeySchedule.expandLabel(handshakeSecret, "s hs", shareHash, 32);
    byte[] clientHs = KeySchedule.expandLabel(handshakeSecret, "c hs", shareHash, 32);

    IdentityKey identity = settings.identityKeys().select(hints, hintCount);
    byte[] spki = identity.spki();
    transcript.add(spki);
    byte[] signature = identity.sign(HandshakeTranscript.signedContent(transcript.hash()));
    transcript.add(signature);
    byte[] serverFinished = KeySchedule.finished(serverHs, transcript.hash());
    transcript.add(serverFinished);
    byte[] finishedHash = transcript.hash();
    ByteBuffer sealed =
        ByteBuffer.allocate(Wire.SEALED_LENGTH - Wire.TAG_LENGTH)
            .put(spki)
            .put(signature)
            .put(serverFinished)
            .flip();
    AeadKey.sealing(serverHs, aesGcm()).seal(0, share, sealed, reply);

    expectedClientFinished = KeySchedule.finished(clientHs, finishedHash);
    clientApplicationSecret = KeySchedule.expandLabel(handshakeSecret, "c ap", finishedHash, 32);
    byte[] serverAp = KeySchedule.expandLabel(handshakeSecret, "s ap", finishedHash, 32);
    Arrays.fill(handshakeSecret, (byte) 0);
    sender = newSender(serverAp, settings.keyLimits());
    receiver = newReceiver(clientHs, settings.decoderWindowSize());
    Arrays.fill(serverAp, (byte) 0);
    Arrays.fill(serverHs, (byte) 0);
    Arrays.fill(clientHs, (byte) 0);
    eeid = Base64.getUrlEncoder().withoutPadding().encodeToString(sessionId);
    handshakeDone();
    state = State.AWAIT_CLIENT_FINISHED;
    return new Event.Reply(reply.flip());
  }

  private Event onClientFinished(ByteBuffer plaintext) throws ProtocolException {
    if (plaintext.remaining() < Wire.FINISHED_LENGTH) {
      throw new ProtocolException(
          ProtocolError.MALFORMED_RECORD, "CLIENT_FINISHED is shorter than its Finished MAC");
    }
    byte[] finished = ClientSession.take(plaintext, Wire.FINISHED_LENGTH);
    boolean matches = KeySchedule.finishedMatches(expectedClientFinished, finished);
    expectedClientFinished = null;
    if (!matches) {
      throw new ProtocolException(
          ProtocolError.BAD_FINISHED, "the client's Finished MAC does not match");
    }
    String pathname = StrictUtf8.decodeOrNull(plaintext);
    if (pathname == null) {
      throw new ProtocolException(ProtocolError.INVALID_PATHNAME, "pathname is not UTF-8");
    }
    String problem = UpstreamPathname.problem(pathname);
    if (problem != null) {
      throw new ProtocolException(ProtocolError.INVALID_PATHNAME, problem);
    }
    receiver.rekey(clientApplicationSecret);
    Arrays.fill(clientApplicationSecret, (byte) 0);
    clientApplicationSecret = null;
    state = State.CONNECTING;
    return new Event.UpstreamRequested(pathname);
  }
}
