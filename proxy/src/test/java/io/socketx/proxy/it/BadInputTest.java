package io.socketx.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.v2.Event;
import io.socketx.proxy.ProxyServer;
import io.socketx.proxy.relay.CloseCodes;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad input closes only the offending connection, with its documented code. */
class BadInputTest extends ProxyTestSupport {
  private static final int MAX_MESSAGE = 1024;
  private TestUpstream upstream;
  private ProxyServer proxy;
  private TestClient bystander;

  @BeforeEach
  void start() throws Exception {
    upstream = upstream();
    Map<String, String> env = env(map(route("*", upstream.url("ws"), "*")));
    env.put("MAX_MESSAGE_SIZE", String.valueOf(MAX_MESSAGE));
    proxy = proxy(env);
    bystander = client(proxy).handshake("/");
    upstream.received.clear();
  }

  static Stream<Arguments> malformedFirstRecords() {
    return Stream.of(
        Arguments.of(
            "too short for a header", bytes(0x53, 0x43, 0x4b), ProtocolError.MALFORMED_RECORD),
        Arguments.of("bad magic", "hello world".getBytes(), ProtocolError.BAD_MAGIC),
        Arguments.of("bad version", header(9, 1, 254), ProtocolError.BAD_VERSION),
        Arguments.of("a v1 client's REQUEST", header(1, 0, 254), ProtocolError.BAD_VERSION),
        Arguments.of("unknown record type", header(2, 42, 254), ProtocolError.UNKNOWN_ACTION),
        Arguments.of(
            "CLIENT_FINISHED before CLIENT_HELLO",
            header(2, 3, 254),
            ProtocolError.UNEXPECTED_ACTION),
        Arguments.of(
            "PROXY_DATA before handshake", header(2, 5, 1), ProtocolError.UNEXPECTED_ACTION),
        Arguments.of(
            "CLIENT_HELLO of the wrong size",
            withBody(header(2, 1, 254), "\u0002\u0000short"),
            ProtocolError.MALFORMED_RECORD));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("malformedFirstRecords")
  void closesOnMalformedHandshakeRecord(String name, byte[] record, ProtocolError expected)
      throws Exception {
    TestClient client = client(proxy);
    client.sendRaw(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(record)));
    assertThat(client.awaitClose().code()).isEqualTo(expected.closeCode());
    assertBystanderUnaffected();
  }

  @Test
  void closesOnRecordOutOfOrderMidHandshake() throws Exception {
    TestClient client = client(proxy);
    assertThat(client.hello(TestIdentity.PINS)).isInstanceOf(Event.Established.class);
    client.sendRaw(
        new BinaryWebSocketFrame(Unpooled.wrappedBuffer(withBody(header(2, 1, 254), "{}"))));
    assertThat(client.awaitClose().code()).isEqualTo(ProtocolError.UNEXPECTED_ACTION.closeCode());
    assertThat(upstream.handshakes).hasSize(1); // only the bystander's
    assertBystanderUnaffected();
  }

  @Test
  void closesOnTextFrameDuringHandshake() throws Exception {
    TestClient client = client(proxy);
    client.sendRaw(new TextWebSocketFrame("hi"));
    assertThat(client.awaitClose().code()).isEqualTo(ProtocolError.TEXT_FRAME.closeCode());
    assertBystanderUnaffected();
  }

  @Test
  void aTextFrameThatIsNotUtf8IsATextFrameLikeAnyOther() throws Exception {
    TestClient client = client(proxy).handshake("/");
    client.sendRaw(
        new TextWebSocketFrame(
            io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {(byte) 0xC3, 0x28})));
    assertThat(client.awaitClose().code()).isEqualTo(ProtocolError.TEXT_FRAME.closeCode());
    assertBystanderUnaffected();
  }

  @Test
  void closesOnTextFrameAfterOpen() throws Exception {
    TestClient client = client(proxy).handshake("/");
    client.sendRaw(new TextWebSocketFrame("plain text"));
    assertThat(client.awaitClose().code()).isEqualTo(ProtocolError.TEXT_FRAME.closeCode());
    assertBystanderUnaffected();
    assertThat(upstream.received).isEmpty();
  }

  @Test
  void closesOnTamperedProxyDataWithoutForwardingIt() throws Exception {
    TestClient client = client(proxy).handshake("/");
    ByteBuffer record = client.encode(MessageType.TEXT, "secret".getBytes());
    int last = record.limit() - 1;
    record.put(last, (byte) (record.get(last) ^ 1));
    client.sendBinary(record);
    assertThat(client.awaitClose().code())
        .isEqualTo(ProtocolError.AUTHENTICATION_FAILED.closeCode());
    assertBystanderUnaffected();
    assertThat(upstream.received).isEmpty();
  }

  @Test
  void closesOnReplayedProxyDataAfterForwardingOnce() throws Exception {
    TestClient client = client(proxy).handshake("/");
    ByteBuffer record = client.encode(MessageType.TEXT, "once".getBytes());
    client.sendBinary(record.duplicate());
    assertThat(client.receiveText()).isEqualTo("once");
    client.sendBinary(record.duplicate());
    assertThat(client.awaitClose().code()).isEqualTo(ProtocolError.RECORD_REPLAYED.closeCode());
    assertThat(upstream.received.poll(CEILING.toSeconds(), TimeUnit.SECONDS).string())
        .isEqualTo("once");
    assertBystanderUnaffected();
    assertThat(upstream.received).isEmpty();
  }

  @Test
  void closesWhenHandshakeIsNotFinishedInTime() throws Exception {
    Map<String, String> env = env(map(route("*", upstream.url("ws"), "*")));
    // far above what a finished handshake takes on a busy machine, so only the idle one times out
    env.put("HANDSHAKE_TIMEOUT", "5s");
    ProxyServer strict = proxy(env);
    TestClient finished = client(strict).handshake("/");
    TestClient idle = client(strict);
    assertThat(idle.awaitClose().code()).isEqualTo(ProtocolError.HANDSHAKE_TIMEOUT.closeCode());
    upstream.received.clear();
    finished.assertEchoes("a finished handshake is not timed out");
    assertBystanderUnaffected();
  }

  @Test
  void closesWith1009WhenClientFrameIsTooLarge() throws Exception {
    TestClient client = client(proxy).handshake("/");
    client.send(MessageType.BINARY, new byte[MAX_MESSAGE + 512]);
    assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    assertBystanderUnaffected();
  }

  @Test
  void closesWith1009WhenFragmentedClientMessageIsTooLarge() throws Exception {
    TestClient client = client(proxy).handshake("/");
    client.channel.write(
        new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[1000])));
    client.channel.writeAndFlush(
        new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[1000])));
    assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    assertBystanderUnaffected();
  }

  @Test
  void closesBothLegsWith1009WhenUpstreamMessageIsTooLarge() throws Exception {
    TestClient client = client(proxy).handshake("/");
    io.netty.channel.Channel up = upstream.connections.poll(CEILING.toSeconds(), TimeUnit.SECONDS);
    up =
        upstream.connections.poll(
            CEILING.toSeconds(), TimeUnit.SECONDS); // the second one is this client's
    up.write(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[800])));
    up.writeAndFlush(
        new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[800])));
    TestClient.Closed closed = client.awaitClose();
    assertThat(closed.code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    assertThat(closed.reason()).isEqualTo("upstream message too big");
    assertThat(upstream.closes.poll(CEILING.toSeconds(), TimeUnit.SECONDS).code())
        .isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    assertBystanderUnaffected();
  }

  @Test
  void acceptsMessageOfExactlyTheMaximumSize() throws Exception {
    TestClient client = client(proxy).handshake("/");
    client.send(MessageType.BINARY, new byte[MAX_MESSAGE]);
    assertThat(client.receive().payload().remaining()).isEqualTo(MAX_MESSAGE);
  }

  @ParameterizedTest(name = "close code {0}")
  @org.junit.jupiter.params.provider.ValueSource(ints = {999, 1004, 1005, 1006, 1015, 2999, 5000})
  void answersACloseFrameWithAnInvalidCodeWith1002(int code) throws Exception {
    TestClient client = client(proxy).handshake("/");
    // built from bytes: Netty's own constructors refuse these codes
    client.sendRaw(
        new CloseWebSocketFrame(
            true, 0, Unpooled.buffer(2).writeShort(code).writeBytes("bye".getBytes())));
    assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    assertThat(upstream.closes.poll(CEILING.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo(new TestUpstream.Closed(CloseCodes.GOING_AWAY, "client protocol error"));
    client.disconnected.get(CEILING.toSeconds(), TimeUnit.SECONDS);
    assertThat(client.closeFrames.get()).as("close frames received").isEqualTo(1);
    assertBystanderUnaffected();
  }

  @Test
  void answersAFramingErrorWithExactlyOneCloseFrame() throws Exception {
    TestClient client = client(proxy).handshake("/");
    // a reserved bit without a negotiated extension is a protocol error (RFC 6455 section 5.2)
    client.sendRaw(new BinaryWebSocketFrame(true, 4, Unpooled.wrappedBuffer(new byte[8])));
    assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
    client.disconnected.get(CEILING.toSeconds(), TimeUnit.SECONDS);
    assertThat(client.closeFrames.get()).as("close frames received").isEqualTo(1);
    assertBystanderUnaffected();
  }

  @Test
  void clientThatDisconnectsMidFragmentIsRecordedAsLostWithoutAWarning() throws Exception {
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
        new ch.qos.logback.core.read.ListAppender<>();
    logs.start();
    root.addAppender(logs);
    try {
      TestClient client = client(proxy).handshake("/");
      client.channel.writeAndFlush(
          new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[100])));
      client.channel.close().syncUninterruptibly();
      assertThat(upstream.closes.poll(CEILING.toSeconds(), TimeUnit.SECONDS))
          .isEqualTo(new TestUpstream.Closed(CloseCodes.GOING_AWAY, "client went away"));
    } finally {
      root.detachAppender(logs);
    }
    // client behaviour is routine: no warning, no stack trace anyone could trigger at will
    assertThat(logs.list)
        .filteredOn(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
        .isEmpty();
    assertBystanderUnaffected();
  }

  private void assertBystanderUnaffected() throws Exception {
    upstream.received.clear();
    bystander.assertEchoes("still fine");
    upstream.received.clear();
  }

  private static byte[] header(int version, int action, int type) {
    return bytes(0x53, 0x43, 0x4b, 0x58, version, action, type);
  }

  private static byte[] withBody(byte[] header, String body) {
    byte[] b = body.getBytes();
    byte[] out = java.util.Arrays.copyOf(header, header.length + b.length);
    System.arraycopy(b, 0, out, header.length, b.length);
    return out;
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
