package io.socketx.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed or out-of-order record yields its own error, never another exception. */
class MalformedInputTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static ServerSession server(Suite minimum) {
    return new ServerSession(SessionSettings.of(minimum), RANDOM);
  }

  private static ByteBuffer record(int magic, int version, int action, int type, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ByteBuffer r = ByteBuffer.allocate(7 + b.length);
    r.putInt(magic).put((byte) version).put((byte) action).put((byte) type).put(b);
    return r.flip();
  }

  private static ByteBuffer request(String body) {
    return record(ProtocolConstants.MAGIC, 1, 0, 254, body);
  }

  /** A server that has answered REQUEST, and the PAIR_REQUEST a real client would send. */
  private record AfterHello(ServerSession server, ObjectNode pairRequest) {}

  private static AfterHello afterHello(Suite suite) throws ProtocolException {
    ServerSession server = server(suite);
    ClientSession client = new ClientSession(ClientSettings.of(suite, "/"), RANDOM);
    ServerEvent.Reply response = (ServerEvent.Reply) server.receive(client.start());
    ClientEvent.Reply pair = (ClientEvent.Reply) client.receive(response.record());
    ObjectNode json =
        (ObjectNode) HandshakeJson.parse(SessionBase.body(pair.record()), "PAIR_REQUEST (test)");
    return new AfterHello(server, json);
  }

  private static ByteBuffer pairRequest(ObjectNode json) {
    return SessionBase.plainRecord(Action.PAIR_REQUEST, HandshakeJson.bytes(json));
  }

  private static ProtocolError pairRequestError(Suite suite, UnaryOperator<ObjectNode> change)
      throws ProtocolException {
    AfterHello h = afterHello(suite);
    return errorOf(() -> h.server.receive(pairRequest(change.apply(h.pairRequest))));
  }

  interface Call {
    Object run() throws Exception;
  }

  private static ProtocolError errorOf(Call call) {
    try {
      call.run();
    } catch (ProtocolException e) {
      assertThat(e.getMessage()).isNotBlank();
      return e.error();
    } catch (Exception e) {
      throw new AssertionError("expected a ProtocolException but got " + e, e);
    }
    throw new AssertionError("expected a ProtocolException but the record was accepted");
  }

  static Stream<Arguments> headerCases() {
    int m = ProtocolConstants.MAGIC;
    return Stream.of(
        Arguments.of("empty", ByteBuffer.allocate(0), ProtocolError.MALFORMED_RECORD),
        Arguments.of(
            "six bytes",
            ByteBuffer.wrap(new byte[] {0x53, 0x43, 0x4b, 0x58, 1, 0}),
            ProtocolError.MALFORMED_RECORD),
        Arguments.of("bad magic", record(0x53434B59, 1, 0, 254, "{}"), ProtocolError.BAD_MAGIC),
        Arguments.of("version 0", record(m, 0, 0, 254, "{}"), ProtocolError.BAD_VERSION),
        Arguments.of("version 2", record(m, 2, 0, 254, "{}"), ProtocolError.BAD_VERSION),
        Arguments.of("action 7", record(m, 1, 7, 254, "{}"), ProtocolError.UNKNOWN_ACTION),
        Arguments.of("action 255", record(m, 1, 255, 254, "{}"), ProtocolError.UNKNOWN_ACTION),
        Arguments.of("type 2", record(m, 1, 0, 2, "{}"), ProtocolError.UNKNOWN_MESSAGE_TYPE),
        Arguments.of(
            "REQUEST typed as text", record(m, 1, 0, 0, "{}"), ProtocolError.UNKNOWN_MESSAGE_TYPE),
        Arguments.of(
            "PAIR_REQUEST first", record(m, 1, 2, 254, "{}"), ProtocolError.UNEXPECTED_ACTION),
        Arguments.of(
            "PROXY_DATA first",
            record(m, 1, 6, 1, "xxxxxxxxxxxxxxxxxxxxxxxxxxx"),
            ProtocolError.UNEXPECTED_ACTION),
        Arguments.of(
            "RESPONSE sent by a client",
            record(m, 1, 1, 254, "{}"),
            ProtocolError.UNEXPECTED_ACTION),
        Arguments.of("not json", request("{suites:"), ProtocolError.MALFORMED_JSON),
        Arguments.of("json array", request("[1,2]"), ProtocolError.MALFORMED_JSON),
        Arguments.of("no suites", request("{}"), ProtocolError.MALFORMED_JSON),
        Arguments.of("empty suites", request("{\"suites\":[]}"), ProtocolError.MALFORMED_JSON),
        Arguments.of("numeric suite", request("{\"suites\":[768]}"), ProtocolError.MALFORMED_JSON),
        Arguments.of(
            "unknown suites only",
            request("{\"suites\":[\"rot13\"]}"),
            ProtocolError.NO_COMMON_SUITE),
        Arguments.of(
            "only weaker suites",
            request("{\"suites\":[\"x25519\",\"x25519-mlkem512\"]}"),
            ProtocolError.SUITE_BELOW_MINIMUM),
        Arguments.of(
            "oversized REQUEST",
            request("{\"suites\":[\"x25519-mlkem768\"],\"pad\":\"" + "a".repeat(20_000) + "\"}"),
            ProtocolError.MESSAGE_TOO_LARGE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("headerCases")
  void rejectsMalformedFirstRecord(String name, ByteBuffer record, ProtocolError expected) {
    assertThat(errorOf(() -> server(Suite.X25519_MLKEM768).receive(record))).isEqualTo(expected);
  }

  /** A change of PAIR_REQUEST that sets one field of one direction. */
  private static UnaryOperator<ObjectNode> set(String direction, String field, String value) {
    return j -> {
      ((ObjectNode) j.get(direction)).put(field, value);
      return j;
    };
  }

  private static byte[] allOnes(int n) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) 0xff);
    return b;
  }

  static Stream<Arguments> pairRequestCases() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[31]);
    String zeroKey = Base64.getEncoder().encodeToString(new byte[32]);
    return Stream.of(
        Arguments.of(
            "missing c2s",
            (UnaryOperator<ObjectNode>) j -> (ObjectNode) j.without("c2s"),
            ProtocolError.MALFORMED_JSON),
        Arguments.of(
            "x25519 not base64", set("c2s", "x25519", "***"), ProtocolError.MALFORMED_JSON),
        Arguments.of(
            "x25519 31 bytes", set("s2c", "x25519", shortKey), ProtocolError.WRONG_KEY_LENGTH),
        Arguments.of(
            "mlkem key truncated", set("c2s", "mlkem", shortKey), ProtocolError.WRONG_KEY_LENGTH),
        Arguments.of(
            "x25519 low-order point", set("c2s", "x25519", zeroKey), ProtocolError.INVALID_KEY),
        Arguments.of(
            "mlkem coefficient above q",
            set("c2s", "mlkem", Base64.getEncoder().encodeToString(allOnes(1184))),
            ProtocolError.INVALID_KEY),
        Arguments.of(
            "empty personalization",
            set("c2s", "personalization", ""),
            ProtocolError.MALFORMED_JSON));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairRequestCases")
  void rejectsMalformedPairRequest(
      String name, UnaryOperator<ObjectNode> change, ProtocolError expected) throws Exception {
    assertThat(pairRequestError(Suite.X25519_MLKEM768, change)).isEqualTo(expected);
  }

  @Test
  void rejectsRequestRepeatedAfterTheHello() throws Exception {
    AfterHello h = afterHello(Suite.X25519);
    ByteBuffer again = request("{\"suites\":[\"x25519\"]}");

    assertThat(errorOf(() -> h.server.receive(again))).isEqualTo(ProtocolError.UNEXPECTED_ACTION);
  }

  @Test
  void rejectsDataWhileTheUpstreamIsStillConnecting() throws Exception {
    SecureRandom random = new SecureRandom();
    ClientSession client = new ClientSession(ClientSettings.of(Suite.X25519, "/"), random);
    ServerSession server = server(Suite.X25519);
    ClientEvent.Reply pair =
        (ClientEvent.Reply)
            client.receive(((ServerEvent.Reply) server.receive(client.start())).record());
    ClientEvent.Reply upstream =
        (ClientEvent.Reply)
            client.receive(((ServerEvent.Reply) server.receive(pair.record())).record());
    server.receive(upstream.record());
    ByteBuffer early =
        client.encodedControl(Action.PROXY_DATA, "{}"); // a client that does not wait for "open"

    assertThat(errorOf(() -> server.receive(early))).isEqualTo(ProtocolError.UNEXPECTED_ACTION);
  }

  @Test
  void rejectsAnUpstreamRequestWithAnInvalidPathname() throws Exception {
    SecureRandom random = new SecureRandom();
    ClientSession client = new ClientSession(ClientSettings.of(Suite.X25519, "/"), random);
    ServerSession server = server(Suite.X25519);
    ClientEvent.Reply pair =
        (ClientEvent.Reply)
            client.receive(((ServerEvent.Reply) server.receive(client.start())).record());
    client.receive(((ServerEvent.Reply) server.receive(pair.record())).record());
    ByteBuffer evil =
        client.encodedControl(
            Action.UPSTREAM_CONNECTION_REQUEST, "{\"pathname\":\"http://elsewhere/\"}");

    assertThat(errorOf(() -> server.receive(evil))).isEqualTo(ProtocolError.INVALID_PATHNAME);
  }

  @Test
  void rejectsTamperedAndReplayedDataAndLatchesTheFailure() throws Exception {
    SessionPair pair = SessionPair.open(Suite.X25519_MLKEM512, Suite.X25519);
    ByteBuffer first = pair.client.encode(MessageType.BINARY, ByteBuffer.wrap(new byte[] {1, 2}));
    ByteBuffer copy = ByteBuffer.wrap(SessionPair.bytes(first));
    pair.server.receive(first);

    assertThat(errorOf(() -> pair.server.receive(copy))).isEqualTo(ProtocolError.REPLAY);
    ByteBuffer next = pair.client.encode(MessageType.BINARY, ByteBuffer.wrap(new byte[] {3}));
    assertThat(errorOf(() -> pair.server.receive(next)))
        .as("a failed session accepts nothing more")
        .isEqualTo(ProtocolError.UNEXPECTED_ACTION);
  }

  @Test
  void clientRejectsASuiteItDidNotOffer() throws Exception {
    ClientSession client = new ClientSession(ClientSettings.of(Suite.X25519_MLKEM768, "/"), RANDOM);
    client.start();
    ByteBuffer response =
        SessionBase.plainRecord(
            Action.RESPONSE,
            "{\"version\":1,\"suite\":\"x25519\",\"codec\":\"aes-256-gcm\",\"eeid\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8));

    assertThat(errorOf(() -> client.receive(response)))
        .isEqualTo(ProtocolError.SUITE_BELOW_MINIMUM);
  }

  @Test
  void clientRejectsAPairResponseWithAShortCiphertext() throws Exception {
    ServerSession server = server(Suite.X25519_MLKEM1024);
    ClientSession client =
        new ClientSession(ClientSettings.of(Suite.X25519_MLKEM1024, "/"), RANDOM);
    ClientEvent.Reply pair =
        (ClientEvent.Reply)
            client.receive(((ServerEvent.Reply) server.receive(client.start())).record());
    ServerEvent.Reply answer = (ServerEvent.Reply) server.receive(pair.record());
    ObjectNode json = (ObjectNode) HandshakeJson.parse(SessionBase.body(answer.record()), "test");
    ((ObjectNode) json.get("s2c")).put("mlkem", Base64.getEncoder().encodeToString(new byte[10]));
    ByteBuffer forged = SessionBase.plainRecord(Action.PAIR_RESPONSE, HandshakeJson.bytes(json));

    assertThat(errorOf(() -> client.receive(forged))).isEqualTo(ProtocolError.WRONG_KEY_LENGTH);
  }
}
