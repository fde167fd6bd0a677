package io.socketx.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;

/**
 * The client side of one SocketX session: produces REQUEST, answers RESPONSE and PAIR_RESPONSE, and
 * opens once the server reports the upstream connected. Not thread-safe.
 */
public final class ClientSession extends SessionBase {

  private enum State {
    NEW("not started", Action.RESPONSE),
    AWAIT_RESPONSE("awaiting RESPONSE", Action.RESPONSE),
    AWAIT_PAIR_RESPONSE("awaiting PAIR_RESPONSE", Action.PAIR_RESPONSE),
    AWAIT_UPSTREAM_RESPONSE(
        "awaiting UPSTREAM_CONNECTION_RESPONSE", Action.UPSTREAM_CONNECTION_RESPONSE),
    OPEN("open", Action.PROXY_DATA);

    final String description;
    final Action expects;

    State(String description, Action expects) {
      this.description = description;
      this.expects = expects;
    }
  }

  private final ClientSettings settings;
  private final Map<Direction, HybridKeyExchange.ClientOffer> offers =
      new EnumMap<>(Direction.class);
  private final Map<Direction, String> personalization = new EnumMap<>(Direction.class);
  private State state = State.NEW;

  public ClientSession(ClientSettings settings, Entropy entropy) {
    super(entropy);
    this.settings = settings;
  }

  public ClientSession(ClientSettings settings, SecureRandom random) {
    this(settings, Entropy.from(random));
  }

  /** The REQUEST record that opens the handshake; call once. */
  public ByteBuffer start() {
    if (state != State.NEW) {
      throw new IllegalStateException("the session was already started");
    }
    ObjectNode hello = HandshakeJson.object();
    ArrayNode suites = hello.putArray("suites");
    settings.offeredSuites().forEach(s -> suites.add(s.wireName()));
    hello.put("client", "socketx-java/1");
    ByteBuffer record = plainRecord(Action.REQUEST, HandshakeJson.bytes(hello));
    transcript.add(record);
    state = State.AWAIT_RESPONSE;
    return record;
  }

  /**
   * Consumes one whole binary WebSocket message from the server. PROXY_DATA is decoded in place
   * unless the buffer is read-only.
   */
  public ClientEvent receive(ByteBuffer record) throws ProtocolException {
    if (state == State.NEW) {
      throw new IllegalStateException("call start() first");
    }
    admit(record, state.expects, state.description);
    try {
      return switch (state) {
        case AWAIT_RESPONSE -> onResponse(record);
        case AWAIT_PAIR_RESPONSE -> onPairResponse(record);
        case AWAIT_UPSTREAM_RESPONSE -> onUpstreamResponse(record);
        case OPEN -> new ClientEvent.Data(RecordHeader.peek(record).messageType(), decode(record));
        case NEW -> throw new IllegalStateException("unreachable");
      };
    } catch (ProtocolException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean isOpen() {
    return state == State.OPEN;
  }

  private ClientEvent onResponse(ByteBuffer record) throws ProtocolException {
    JsonNode response = HandshakeJson.parse(body(record), "RESPONSE");
    String chosen = HandshakeJson.requireText(response, "suite", "RESPONSE");
    suite =
        Suite.fromWireName(chosen)
            .filter(settings.offeredSuites()::contains)
            .orElseThrow(
                () ->
                    new ProtocolException(
                        ProtocolError.SUITE_BELOW_MINIMUM,
                        "server chose suite " + chosen + " which was not offered"));
    String codecName = HandshakeJson.requireText(response, "codec", "RESPONSE");
    if (!codecName.equals(settings.codecFactory().name())) {
      throw new ProtocolException(
          ProtocolError.NO_COMMON_SUITE,
          "server uses codec " + codecName + ", client has " + settings.codecFactory().name());
    }
    eeid = HandshakeJson.requireText(response, "eeid", "RESPONSE");
    transcript.add(record);

    ObjectNode request = HandshakeJson.object();
    for (Direction d : Direction.values()) {
      boolean c2s = d == Direction.C2S;
      String p =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  entropy.next(
                      c2s ? EntropyPurpose.C2S_PERSONALIZATION : EntropyPurpose.S2C_PERSONALIZATION,
                      16));
      HybridKeyExchange.ClientOffer offer =
          new HybridKeyExchange.ClientOffer(
              suite,
              entropy.next(
                  c2s ? EntropyPurpose.C2S_CLIENT_X25519 : EntropyPurpose.S2C_CLIENT_X25519,
                  HybridKeyExchange.X25519_KEY_LENGTH),
              suite.hasMlKem()
                  ? entropy.next(
                      c2s
                          ? EntropyPurpose.C2S_CLIENT_MLKEM_SEED
                          : EntropyPurpose.S2C_CLIENT_MLKEM_SEED,
                      HybridKeyExchange.MLKEM_SEED_LENGTH)
                  : null);
      offers.put(d, offer);
      personalization.put(d, p);
      ObjectNode out = request.putObject(d.label());
      out.put("personalization", p);
      out.put("x25519", HandshakeJson.base64(offer.x25519Public()));
      if (suite.hasMlKem()) {
        out.put("mlkem", HandshakeJson.base64(offer.mlkemPublic()));
      }
    }
    ByteBuffer reply = plainRecord(Action.PAIR_REQUEST, HandshakeJson.bytes(request));
    transcript.add(reply);
    state = State.AWAIT_PAIR_RESPONSE;
    return new ClientEvent.Reply(reply);
  }

  private ClientEvent onPairResponse(ByteBuffer record) throws ProtocolException {
    JsonNode response = HandshakeJson.parse(body(record), "PAIR_RESPONSE");
    Map<Direction, byte[]> secrets = new EnumMap<>(Direction.class);
    Map<Direction, byte[]> nonces = new EnumMap<>(Direction.class);
    for (Direction d : Direction.values()) {
      String what = "PAIR_RESPONSE." + d.label();
      JsonNode answer = HandshakeJson.requireObject(response, d.label(), "PAIR_RESPONSE");
      byte[] x =
          HandshakeJson.requireKey(answer, "x25519", HybridKeyExchange.X25519_KEY_LENGTH, what);
      byte[] ct =
          suite.hasMlKem()
              ? HandshakeJson.requireKey(answer, "mlkem", suite.mlkemCiphertextLength(), what)
              : null;
      nonces.put(d, HandshakeJson.requireKey(answer, "nonce", 32, what));
      secrets.put(d, offers.get(d).finish(suite, x, ct));
    }
    transcript.add(record);
    byte[] th = transcript.hash();
    DirectionKeys c2s =
        KeySchedule.derive(
            Direction.C2S,
            secrets.get(Direction.C2S),
            nonces.get(Direction.C2S),
            personalization.get(Direction.C2S),
            th);
    DirectionKeys s2c =
        KeySchedule.derive(
            Direction.S2C,
            secrets.get(Direction.S2C),
            nonces.get(Direction.S2C),
            personalization.get(Direction.S2C),
            th);
    secrets.values().forEach(s -> Arrays.fill(s, (byte) 0));
    offers.clear();
    codec = settings.codecFactory().create(c2s, s2c, settings.decoderWindowSize());
    c2s.destroy();
    s2c.destroy();
    ObjectNode request = HandshakeJson.object();
    request.put("pathname", settings.pathname());
    ByteBuffer reply =
        encodedControl(
            Action.UPSTREAM_CONNECTION_REQUEST,
            new String(HandshakeJson.bytes(request), java.nio.charset.StandardCharsets.UTF_8));
    state = State.AWAIT_UPSTREAM_RESPONSE;
    return new ClientEvent.Reply(reply);
  }

  private ClientEvent onUpstreamResponse(ByteBuffer record) throws ProtocolException {
    HandshakeJson.parse(decode(record), "UPSTREAM_CONNECTION_RESPONSE");
    state = State.OPEN;
    return new ClientEvent.Opened();
  }
}
