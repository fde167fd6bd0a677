package io.socketx.proxy.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Frames masked in place must decode, byte for byte, with Netty's server-side decoder. */
class InPlaceMaskingEncoderTest {

  static Stream<Arguments> frames() {
    Function<ByteBuf, WebSocketFrame> binary = BinaryWebSocketFrame::new;
    Function<ByteBuf, WebSocketFrame> text = TextWebSocketFrame::new;
    Function<ByteBuf, WebSocketFrame> firstFragment = b -> new BinaryWebSocketFrame(false, 0, b);
    Function<ByteBuf, WebSocketFrame> ping = PingWebSocketFrame::new;
    Function<ByteBuf, WebSocketFrame> pong = PongWebSocketFrame::new;
    return Stream.of(
        Arguments.of("binary", binary, 0),
        Arguments.of("binary", binary, 1),
        Arguments.of("binary", binary, 7),
        Arguments.of("binary", binary, 8),
        Arguments.of("binary", binary, 13),
        Arguments.of("binary", binary, 125),
        Arguments.of("binary", binary, 126),
        Arguments.of("binary", binary, 1024),
        Arguments.of("binary", binary, 65535),
        Arguments.of("binary", binary, 65536),
        Arguments.of("binary", binary, 200_003),
        Arguments.of("text", text, 33),
        Arguments.of("first fragment", firstFragment, 300),
        Arguments.of("ping", ping, 125),
        Arguments.of("pong", pong, 9));
  }

  @ParameterizedTest(name = "{0} of {2} bytes")
  @MethodSource("frames")
  void framesDecodeToTheSamePayloadAndType(
      String kind, Function<ByteBuf, WebSocketFrame> make, int size) {
    byte[] payload = random(size);
    WebSocketFrame sent = make.apply(Unpooled.directBuffer(size).writeBytes(payload));
    boolean fin = sent.isFinalFragment();
    Class<?> type = sent.getClass();

    WebSocketFrame received = roundTrip(sent);
    try {
      assertThat(received).isInstanceOf(type);
      assertThat(received.isFinalFragment()).isEqualTo(fin);
      assertThat(ByteBufUtil.getBytes(received.content())).isEqualTo(payload);
    } finally {
      received.release();
    }
  }

  @Test
  void aFragmentedMessageDecodesAsItsFragments() {
    byte[] first = random(300);
    byte[] last = random(301);
    EmbeddedChannel encoder = new EmbeddedChannel(new InPlaceMaskingEncoder());
    EmbeddedChannel decoder = serverDecoder();

    encoder.writeOutbound(
        new BinaryWebSocketFrame(false, 0, Unpooled.directBuffer().writeBytes(first)),
        new ContinuationWebSocketFrame(true, 0, Unpooled.directBuffer().writeBytes(last)));
    ByteBuf wire;
    while ((wire = encoder.readOutbound()) != null) {
      decoder.writeInbound(wire);
    }

    WebSocketFrame a = decoder.readInbound();
    WebSocketFrame b = decoder.readInbound();
    assertThat(a).isInstanceOf(BinaryWebSocketFrame.class);
    assertThat(a.isFinalFragment()).isFalse();
    assertThat(ByteBufUtil.getBytes(a.content())).isEqualTo(first);
    assertThat(b).isInstanceOf(ContinuationWebSocketFrame.class);
    assertThat(b.isFinalFragment()).isTrue();
    assertThat(ByteBufUtil.getBytes(b.content())).isEqualTo(last);
    a.release();
    b.release();
    encoder.finishAndReleaseAll();
    decoder.finishAndReleaseAll();
  }

  @Test
  void closeFramesKeepTheirCodeAndReason() {
    CloseWebSocketFrame received =
        (CloseWebSocketFrame) roundTrip(new CloseWebSocketFrame(1001, "client went away"));
    try {
      assertThat(received.statusCode()).isEqualTo(1001);
      assertThat(received.reasonText()).isEqualTo("client went away");
    } finally {
      received.release();
    }
  }

  @Test
  void aSharedPayloadIsMaskedInACopyAndLeftIntact() {
    byte[] payload = random(500);
    ByteBuf shared = Unpooled.directBuffer(500).writeBytes(payload);
    shared.retain(); // someone else still reads it

    WebSocketFrame received = roundTrip(new BinaryWebSocketFrame(shared));
    try {
      assertThat(ByteBufUtil.getBytes(received.content())).isEqualTo(payload);
      assertThat(ByteBufUtil.getBytes(shared)).isEqualTo(payload);
    } finally {
      received.release();
      shared.release();
    }
  }

  @Test
  void aReadOnlyPayloadIsMaskedInACopy() {
    byte[] payload = random(64);
    ByteBuf readOnly = Unpooled.wrappedBuffer(payload.clone()).asReadOnly();

    WebSocketFrame received = roundTrip(new BinaryWebSocketFrame(readOnly));
    try {
      assertThat(ByteBufUtil.getBytes(received.content())).isEqualTo(payload);
    } finally {
      received.release();
    }
  }

  @Test
  void rejectsAControlFrameOver125Bytes() {
    EmbeddedChannel encoder = new EmbeddedChannel(new InPlaceMaskingEncoder());

    assertThatThrownBy(
            () ->
                encoder.writeOutbound(new PingWebSocketFrame(Unpooled.wrappedBuffer(random(126)))))
        .isInstanceOf(EncoderException.class)
        .hasMessageContaining("control frame payload of 126 bytes");
    encoder.finishAndReleaseAll();
  }

  private static WebSocketFrame roundTrip(WebSocketFrame frame) {
    EmbeddedChannel encoder = new EmbeddedChannel(new InPlaceMaskingEncoder());
    EmbeddedChannel decoder = serverDecoder();
    assertThat(encoder.writeOutbound(frame)).isTrue();
    ByteBuf wire;
    while ((wire = encoder.readOutbound()) != null) {
      decoder.writeInbound(wire);
    }
    WebSocketFrame decoded = decoder.readInbound();
    assertThat(decoded).as("one whole frame on the wire").isNotNull();
    Object more = decoder.readInbound();
    assertThat(more).isNull();
    encoder.finishAndReleaseAll();
    decoder.finishAndReleaseAll();
    return decoded;
  }

  /** Netty's server-side decoder, which insists on masked frames. */
  static EmbeddedChannel serverDecoder() {
    return new EmbeddedChannel(
        new WebSocket08FrameDecoder(
            WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(true)
                .allowMaskMismatch(false)
                .maxFramePayloadLength(1 << 20)
                .build()));
  }

  static byte[] random(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }
}
