package io.socketx.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The server side of one SocketX session: a state machine that admits each record only in its turn.
 * Not thread-safe: use it from the connection's event loop.
 */
public final class ServerSession extends SessionBase {
  private static final int MAX_PERSONALIZATION = 256;

  private enum State {
    AWAIT_REQUEST("awaiting REQUEST", Action.REQUEST),
    AWAIT_PAIR_REQUEST("awaiting PAIR_REQUEST", Action.PAIR_REQUEST),
    AWAIT_UPSTREAM_REQUEST(
        "awaiting UPSTREAM_CONNECTION_REQUEST", Action.UPSTREAM_CONNECTION_REQUEST),
    CONNECTING("connecting upstream", null),
    OPEN("open", Action.PROXY_DATA);

    final String description;
    final Action expects;

    State(String description, Action expects) {
      this.description = description;
      this.expects = expects;
    }
  }

  private final SessionSettings settings;
  private State state = State.AWAIT_REQUEST;

  public ServerSession(SessionSettings settings, Entropy entropy) {
    super(entropy);
    this.settings = settings;
  }

  public ServerSession(SessionSettings settings, SecureRandom random) {
    this(settings, Entropy.from(random));
  }

  /**
   * Consumes one whole binary WebSocket message from the client. A PROXY_DATA record in a writable
   * buffer is decrypted in place: the returned payload is a slice of the record's memory starting
   * at the record's position, so a caller may trim the record to {@code payload.remaining()} bytes
   * and reuse it. A read-only record is decrypted into a new buffer.
   *
   * @throws ProtocolException when the record breaks the protocol; the session then rejects
   *     everything after it
   */
  public ServerEvent receive(ByteBuffer record) throws ProtocolException {
    Action expected = state.expects == null ? Action.UPSTREAM_CONNECTION_RESPONSE : state.expects;
    admit(record, expected, state.description);
    try {
      return switch (state) {
        case AWAIT_REQUEST -> onRequest(record);
        case AWAIT_PAIR_REQUEST -> onPairRequest(record);
        case AWAIT_UPSTREAM_REQUEST -> onUpstreamRequest(record);
        case OPEN -> new ServerEvent.Data(RecordHeader.peek(record).messageType(), decode(record));
        case CONNECTING -> throw new IllegalStateException("unreachable");
      };
    } catch (ProtocolException e) {
      throw fail(e);
    }
  }

  /**
   * The UPSTREAM_CONNECTION_RESPONSE record to send once the upstream leg is connected; opens the
   * session for application data.
   */
  public ByteBuffer upstreamConnected() throws ProtocolException {
    if (state != State.CONNECTING) {
      throw new IllegalStateException("no upstream connection was requested (state " + state + ")");
    }
    ByteBuffer record =
        encodedControl(Action.UPSTREAM_CONNECTION_RESPONSE, "{\"status\":\"connected\"}");
    state = State.OPEN;
    return record;
  }

  @Override
  public boolean isOpen() {
    return state == State.OPEN;
  }

  private ServerEvent onRequest(ByteBuffer record) throws ProtocolException {
    JsonNode hello = HandshakeJson.parse(body(record), "REQUEST");
    JsonNode offered = hello.get("suites");
    if (offered == null || !offered.isArray() || offered.isEmpty()) {
      throw new ProtocolException(
          ProtocolError.MALFORMED_JSON, "REQUEST needs a non-empty array field \"suites\"");
    }
    Suite chosen = null;
    Suite strongestBelow = null;
    for (JsonNode name : offered) {
      if (!name.isTextual()) {
        throw new ProtocolException(
            ProtocolError.MALFORMED_JSON, "REQUEST field \"suites\" must hold strings");
      }
      Suite s = Suite.fromWireName(name.asText()).orElse(null);
      if (s == null) {
        continue;
      }
      if (s.atLeast(settings.minimumSuite())) {
        chosen = s;
        break;
      }
      strongestBelow = s;
    }
    if (chosen == null) {
      if (strongestBelow != null) {
        throw new ProtocolException(
            ProtocolError.SUITE_BELOW_MINIMUM,
            "offered suites are below the minimum " + settings.minimumSuite().wireName());
      }
      throw new ProtocolException(ProtocolError.NO_COMMON_SUITE, "no offered suite is known");
    }
    suite = chosen;
    eeid =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(entropy.next(EntropyPurpose.EEID, 16));
    ObjectNode response = HandshakeJson.object();
    response.put("version", ProtocolConstants.VERSION);
    response.put("suite", suite.wireName());
    ArrayNode accepted = response.putArray("suites");
    for (Suite s : Suite.values()) {
      if (s.atLeast(settings.minimumSuite())) {
        accepted.add(s.wireName());
      }
    }
    response.put("codec", settings.codecFactory().name());
    response.put("eeid", eeid);
    ByteBuffer reply = plainRecord(Action.RESPONSE, HandshakeJson.bytes(response));
    transcript.add(record);
    transcript.add(reply);
    state = State.AWAIT_PAIR_REQUEST;
    return new ServerEvent.Reply(reply);
  }

  private ServerEvent onPairRequest(ByteBuffer record) throws ProtocolException {
    JsonNode request = HandshakeJson.parse(body(record), "PAIR_REQUEST");
    Map<Direction, String> personalization = new EnumMap<>(Direction.class);
    Map<Direction, HybridKeyExchange.ServerAnswer> answers = new EnumMap<>(Direction.class);
    Map<Direction, byte[]> nonces = new EnumMap<>(Direction.class);
    ObjectNode response = HandshakeJson.object();
    for (Direction d : Direction.values()) {
      String what = "PAIR_REQUEST." + d.label();
      JsonNode offer = HandshakeJson.requireObject(request, d.label(), "PAIR_REQUEST");
      String p = HandshakeJson.requireText(offer, "personalization", what);
      if (p.isEmpty() || p.length() > MAX_PERSONALIZATION) {
        throw new ProtocolException(
            ProtocolError.MALFORMED_JSON,
            what + " personalization must have 1 to " + MAX_PERSONALIZATION + " characters");
      }
      byte[] x =
          HandshakeJson.requireKey(offer, "x25519", HybridKeyExchange.X25519_KEY_LENGTH, what);
      byte[] ek =
          suite.hasMlKem()
              ? HandshakeJson.requireKey(offer, "mlkem", suite.mlkemPublicKeyLength(), what)
              : null;
      HybridKeyExchange.ServerAnswer answer =
          HybridKeyExchange.answer(
              suite,
              x,
              ek,
              entropy.next(serverX25519(d), HybridKeyExchange.X25519_KEY_LENGTH),
              suite.hasMlKem()
                  ? entropy.next(serverMlkemM(d), HybridKeyExchange.MLKEM_M_LENGTH)
                  : null);
      byte[] nonce =
          entropy.next(
              d == Direction.C2S ? EntropyPurpose.C2S_NONCE : EntropyPurpose.S2C_NONCE, 32);
      personalization.put(d, p);
      answers.put(d, answer);
      nonces.put(d, nonce);
      ObjectNode out = response.putObject(d.label());
      out.put("x25519", HandshakeJson.base64(answer.x25519Public()));
      if (suite.hasMlKem()) {
        out.put("mlkem", HandshakeJson.base64(answer.mlkemCiphertext()));
      }
      out.put("nonce", HandshakeJson.base64(nonce));
    }
    ByteBuffer reply = plainRecord(Action.PAIR_RESPONSE, HandshakeJson.bytes(response));
    transcript.add(record);
    transcript.add(reply);
    byte[] th = transcript.hash();
    List<DirectionKeys> keys = new ArrayList<>(2);
    for (Direction d : Direction.values()) {
      byte[] shared = answers.get(d).sharedSecret();
      keys.add(KeySchedule.derive(d, shared, nonces.get(d), personalization.get(d), th));
      java.util.Arrays.fill(shared, (byte) 0);
      answers.get(d).secrets().destroy();
    }
    codec =
        settings
            .codecFactory()
            .create(
                keys.get(Direction.S2C.ordinal()),
                keys.get(Direction.C2S.ordinal()),
                settings.decoderWindowSize());
    keys.forEach(DirectionKeys::destroy);
    state = State.AWAIT_UPSTREAM_REQUEST;
    return new ServerEvent.Reply(reply);
  }

  private ServerEvent onUpstreamRequest(ByteBuffer record) throws ProtocolException {
    JsonNode request = HandshakeJson.parse(decode(record), "UPSTREAM_CONNECTION_REQUEST");
    String pathname = HandshakeJson.requireText(request, "pathname", "UPSTREAM_CONNECTION_REQUEST");
    String problem = PathnameRule.problem(pathname);
    if (problem != null) {
      throw new ProtocolException(ProtocolError.INVALID_PATHNAME, problem);
    }
    state = State.CONNECTING;
    return new ServerEvent.UpstreamRequested(pathname);
  }

  private static EntropyPurpose serverX25519(Direction d) {
    return d == Direction.C2S ? EntropyPurpose.C2S_SERVER_X25519 : EntropyPurpose.S2C_SERVER_X25519;
  }

  private static EntropyPurpose serverMlkemM(Direction d) {
    return d == Direction.C2S
        ? EntropyPurpose.C2S_SERVER_MLKEM_M
        : EntropyPurpose.S2C_SERVER_MLKEM_M;
  }
}
