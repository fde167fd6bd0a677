package io.socketx.protocol.v2;

import io.socketx.protocol.Entropy;
import io.socketx.protocol.EntropyPurpose;
import io.socketx.protocol.HybridKeyExchange;
import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The client side of one v2 session: sends CLIENT_HELLO, checks the proxy's identity against its
 * pins, and only then sends the pathname (docs/protocol.md section 6). Not thread-safe.
 */
public final class ClientSession extends SessionCore {

  private enum State {
    NEW("not started", Set.of()),
    AWAIT_SERVER_HELLO("awaiting SERVER_HELLO", EnumSet.of(RecordType.SERVER_HELLO)),
    ESTABLISHED(
        "awaiting UPSTREAM_CONNECTED",
        EnumSet.of(RecordType.UPSTREAM_CONNECTED, RecordType.KEY_UPDATE, RecordType.CLOSE)),
    OPEN("open", EnumSet.of(RecordType.PROXY_DATA, RecordType.KEY_UPDATE, RecordType.CLOSE));

    final String description;
    final Set<RecordType> allowed;

    State(String description, Set<RecordType> allowed) {
      this.description = description;
      this.allowed = allowed;
    }
  }

  private final ClientSettings settings;
  private HybridKeyExchange.ClientOffer offer;
  private ByteBuffer clientHello;
  private Fingerprint proxyIdentity;
  private int earlyRecords;
  private long earlyBytes;
  private State state = State.NEW;

  public ClientSession(ClientSettings settings, Entropy entropy) {
    super(entropy, settings.aesGcm());
    this.settings = settings;
  }

  public ClientSession(ClientSettings settings, SecureRandom random) {
    this(settings, Entropy.from(random));
  }

  /** The CLIENT_HELLO record that opens the handshake; call once. */
  public ByteBuffer start() {
    if (state != State.NEW) {
      throw new IllegalStateException("the session was already started");
    }
    suite = settings.suite();
    offer =
        new HybridKeyExchange.ClientOffer(
            suite,
            entropy.next(EntropyPurpose.V2_CLIENT_X25519, HybridKeyExchange.X25519_KEY_LENGTH),
            suite.hasMlKem()
                ? entropy.next(
                    EntropyPurpose.V2_CLIENT_MLKEM_SEED, HybridKeyExchange.MLKEM_SEED_LENGTH)
                : null);
    List<Fingerprint> pins = settings.pins().fingerprints();
    ByteBuffer record = ByteBuffer.allocate(HelloLayout.clientHelloLength(suite, pins.size()));
    new Header(RecordType.CLIENT_HELLO, MessageType.NONE).writeTo(record);
    record.put((byte) HelloLayout.suiteId(suite)).put((byte) pins.size());
    pins.forEach(p -> record.put(p.hint()));
    record.put(offer.x25519Public());
    if (suite.hasMlKem()) {
      record.put(offer.mlkemPublic());
    }
    clientHello = record.flip().asReadOnlyBuffer();
    transcript.add(clientHello);
    state = State.AWAIT_SERVER_HELLO;
    return clientHello.duplicate();
  }

  /**
   * Consumes one whole binary WebSocket message from the proxy. PROXY_DATA is decrypted in place
   * unless the buffer is read-only.
   *
   * @throws ProtocolException when the record breaks the protocol; the session then rejects
   *     everything after it
   */
  @Override
  public Event receive(ByteBuffer record) throws ProtocolException {
    if (state == State.NEW) {
      throw new IllegalStateException("call start() first");
    }
    Header header = admit(record, state.allowed, state.description);
    try {
      if (header.type() == RecordType.SERVER_HELLO) {
        return onServerHello(record);
      }
      return receiveEncrypted(record, header);
    } catch (ProtocolException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean canSend() {
    return state == State.ESTABLISHED || state == State.OPEN;
  }

  /** The fingerprint of the proxy's identity key, once SERVER_HELLO was accepted. */
  public Fingerprint proxyIdentity() {
    return proxyIdentity;
  }

  /**
   * Whether a message of {@code length} bytes may be sent now: always once the upstream is
   * connected; before that only within the early-data limit (256 records, 65,536 bytes).
   */
  public boolean canSendNow(int length) {
    return state == State.OPEN
        || (state == State.ESTABLISHED
            && earlyRecords + 1 <= Wire.MAX_EARLY_RECORDS
            && earlyBytes + length <= Wire.MAX_EARLY_BYTES);
  }

  @Override
  void beforeData(int length) {
    if (state == State.OPEN) {
      return;
    }
    if (!canSendNow(length)) {
      throw new IllegalStateException(
          "early data limit reached (256 records, 65,536 bytes): wait for UPSTREAM_CONNECTED");
    }
    earlyRecords++;
    earlyBytes += length;
  }

  @Override
  Event onPlaintext(Header header, ByteBuffer plaintext) throws ProtocolException {
    if (header.type() == RecordType.UPSTREAM_CONNECTED) {
      requireEmpty(plaintext, header.type());
      state = State.OPEN;
      return new Event.UpstreamConnected();
    }
    return new Event.Data(header.messageType(), plaintext);
  }

  private Event onServerHello(ByteBuffer record) throws ProtocolException {
    int expected = HelloLayout.serverHelloLength(suite);
    if (record.remaining() != expected) {
      throw new ProtocolException(
          ProtocolError.MALFORMED_RECORD,
          "SERVER_HELLO for "
              + suite.wireName()
              + " has "
              + expected
              + " bytes, not "
              + record.remaining());
    }
    ByteBuffer in = record.duplicate().position(record.position() + Wire.HEADER_LENGTH);
    int suiteId = Byte.toUnsignedInt(in.get());
    if (suiteId != HelloLayout.suiteId(suite)) {
      throw new ProtocolException(
          ProtocolError.SUITE_BELOW_MINIMUM,
          "proxy answered with suite id " + suiteId + ", not the offered " + suite.wireName());
    }
    byte[] sessionId = take(in, Wire.EEID_LENGTH);
    byte[] serverX25519 = take(in, HybridKeyExchange.X25519_KEY_LENGTH);
    byte[] ciphertext = suite.hasMlKem() ? take(in, suite.mlkemCiphertextLength()) : null;
    int shareLength = HelloLayout.serverShareLength(suite);
    ByteBuffer share = record.duplicate().limit(record.position() + shareLength);

    HybridKeyExchange.Secrets secrets = offer.agree(suite, serverX25519, ciphertext);
    offer = null;
    byte[] ikm = secrets.mlkemFirst();
    secrets.destroy();
    byte[] handshakeSecret = KeySchedule.handshakeSecret(ikm);
    Arrays.fill(ikm, (byte) 0);
    transcript.add(share);
    byte[] shareHash = transcript.hash();
    byte[] serverHs = KeySchedule.expandLabel(handshakeSecret, "s hs", shareHash, 32);
    byte[] clientHs = KeySchedule.expandLabel(handshakeSecret, "c hs", shareHash, 32);

    ByteBuffer identity = ByteBuffer.allocate(Wire.SEALED_LENGTH - Wire.TAG_LENGTH);
    byte[] aad = take(share.duplicate(), shareLength);
    if (!AeadKey.opening(serverHs, aesGcm()).open(0, aad, in, identity)) {
      throw new ProtocolException(
          ProtocolError.AUTHENTICATION_FAILED,
          "SERVER_HELLO's sealed identity failed authentication (tampered share or record)");
    }
    identity.flip();
    byte[] spki = take(identity, Wire.SPKI_LENGTH);
    byte[] signature = take(identity, Wire.SIGNATURE_LENGTH);
    byte[] serverFinished = take(identity, Wire.FINISHED_LENGTH);
    if (!IdentityKey.isEd25519Spki(spki)) {
      throw new ProtocolException(
          ProtocolError.UNSUPPORTED_IDENTITY_KEY,
          "the proxy's identity key is not an Ed25519 SubjectPublicKeyInfo");
    }
    Fingerprint presented = Fingerprint.ofSpki(spki);
    settings.pins().check(presented);
    transcript.add(spki);
    if (!IdentityKey.verify(
        spki, HandshakeTranscript.signedContent(transcript.hash()), signature)) {
      throw new ProtocolException(
          ProtocolError.BAD_SIGNATURE,
          "the identity signature of " + presented + " does not verify");
    }
    transcript.add(signature);
    if (!KeySchedule.finishedMatches(
        KeySchedule.finished(serverHs, transcript.hash()), serverFinished)) {
      throw new ProtocolException(
          ProtocolError.BAD_FINISHED, "the proxy's Finished MAC does not match");
    }
    transcript.add(serverFinished);
    byte[] finishedHash = transcript.hash();
    byte[] clientAp = KeySchedule.expandLabel(handshakeSecret, "c ap", finishedHash, 32);
    byte[] serverAp = KeySchedule.expandLabel(handshakeSecret, "s ap", finishedHash, 32);
    Arrays.fill(handshakeSecret, (byte) 0);

    byte[] pathname = settings.pathname().getBytes(StandardCharsets.UTF_8);
    ByteBuffer finished =
        ByteBuffer.allocate(Wire.FINISHED_LENGTH + pathname.length)
            .put(KeySchedule.finished(clientHs, finishedHash))
            .put(pathname)
            .flip();
    sender = newSender(clientHs, settings.keyLimits());
    ByteBuffer clientFinished = sender.seal(RecordType.CLIENT_FINISHED, MessageType.NONE, finished);
    sender.rekey(clientAp);
    receiver = newReceiver(serverAp, settings.decoderWindowSize());
    Arrays.fill(clientHs, (byte) 0);
    Arrays.fill(serverHs, (byte) 0);
    Arrays.fill(clientAp, (byte) 0);
    Arrays.fill(serverAp, (byte) 0);
    eeid = Base64.getUrlEncoder().withoutPadding().encodeToString(sessionId);
    proxyIdentity = presented;
    clientHello = null;
    handshakeDone();
    state = State.ESTABLISHED;
    return new Event.Established(clientFinished, presented, eeid);
  }

  static byte[] take(ByteBuffer in, int length) {
    byte[] out = new byte[length];
    in.get(out);
    return out;
  }
}
