package io.socketx.proxy.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolConstants;
import io.socketx.protocol.Suite;
import io.socketx.protocol.v2.ClientSession;
import io.socketx.protocol.v2.ClientSettings;
import io.socketx.protocol.v2.Event;
import io.socketx.protocol.v2.IdentityKey;
import io.socketx.protocol.v2.IdentityKeys;
import io.socketx.protocol.v2.KeyLimits;
import io.socketx.protocol.v2.Pins;
import io.socketx.protocol.v2.ServerSession;
import io.socketx.protocol.v2.ServerSettings;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The frames the relay builds in place must be what Netty's own decoders read: unmasked ones for
 * the client (its side of the connection decodes as a WebSocket client), masked ones for the
 * upstream (which decodes as a server).
 */
class RelayFramesTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final IdentityKey KEY = IdentityKey.generate(RANDOM);

  private ClientSession client;
  private ServerSession server;

  private void open(KeyLimits serverLimits) throws Exception {
    int window = ProtocolConstants.DEFAULT_DECODER_WINDOW;
    client =
        new ClientSession(
            new ClientSettings(
                Suite.X25519, "/", Pins.of(KEY.fingerprint()), window, KeyLimits.PROTOCOL),
            RANDOM);
    server =
        new ServerSession(
            new ServerSettings(Suite.X25519, IdentityKeys.of(KEY), window, serverLimits), RANDOM);
    Event.Reply hello = (Event.Reply) server.receive(client.start());
    server.receive(((Event.Established) client.receive(hello.record())).clientFinished());
    client.receive(server.upstreamConnected().upstreamConnected());
  }

  /** Netty's client-side decoder, which insists on unmasked frames. */
  private static EmbeddedChannel clientDecoder() {
    return new EmbeddedChannel(
        new WebSocket08FrameDecoder(
            WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(false)
                .maxFramePayloadLength(1 << 20)
                .build()));
  }

  private static byte[] random(int size) {
    return InPlaceMaskingEncoderTest.random(size);
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 1, 94, 95, 125, 126, 65_504, 65_505, 200_003})
  void aMessageSealedForTheClientIsOneUnmaskedBinaryFrame(int size) throws Exception {
    open(KeyLimits.PROTOCOL);
    byte[] message = random(size);
    ByteBuf upstreamMessage = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(message);

    ByteBuf out =
        RelayFrames.sealForClient(
            server, PooledByteBufAllocator.DEFAULT, MessageType.TEXT, upstreamMessage);

    assertThat(upstreamMessage.readableBytes())
        .as("the message is left for the caller")
        .isEqualTo(size);
    upstreamMessage.release();
    EmbeddedChannel decoder = clientDecoder();
    decoder.writeInbound(out);
    BinaryWebSocketFrame frame = decoder.readInbound();
    assertThat((Object) decoder.readInbound()).isNull();
    Event.Data data = (Event.Data) client.receive(frame.content().nioBuffer());
    assertThat(data.type()).isEqualTo(MessageType.TEXT);
    assertThat(ByteBufUtil.getBytes(Unpooled.wrappedBuffer(data.payload()))).isEqualTo(message);
    frame.release();
  }

  @Test
  void aDueKeyUpdateIsItsOwnFrameInTheSameBufferBeforeTheMessage() throws Exception {
    open(new KeyLimits(3, 1 << 20));
    EmbeddedChannel decoder = clientDecoder();
    int updates = 0;
    for (int i = 0; i < 5; i++) {
      ByteBuf message = Unpooled.copiedBuffer(random(40 + i));
      decoder.writeInbound(
          RelayFrames.sealForClient(
              server, PooledByteBufAllocator.DEFAULT, MessageType.BINARY, message));
      message.release();
      WebSocketFrame frame;
      Event last = null;
      while ((frame = decoder.readInbound()) != null) {
        last = client.receive(frame.content().nioBuffer());
        if (last instanceof Event.KeyUpdated) {
          updates++;
        }
        frame.release();
      }
      assertThat(last).isInstanceOf(Event.Data.class);
      assertThat(((Event.Data) last).payload().remaining()).isEqualTo(40 + i);
    }
    assertThat(updates).as("3 records per key: an update before every second message").isEqualTo(2);
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 1, 125, 126, 65_535, 65_536, 200_003})
  void anOpenedRecordBecomesOneMaskedFrameInItsOwnBuffer(int size) throws Exception {
    open(KeyLimits.PROTOCOL);
    byte[] message = random(size);
    ByteBuffer record = client.encode(MessageType.BINARY, ByteBuffer.wrap(message)).get(0);
    ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer();
    buffer.writeBytes(new byte[3]).readerIndex(3); // the record need not start at index 0
    buffer.writeBytes(record);
    int recordIndex = buffer.readerIndex();
    Event.Data data =
        (Event.Data) server.receive(buffer.internalNioBuffer(recordIndex, buffer.readableBytes()));

    ByteBuf frameBytes = RelayFrames.openedToUpstreamFrame(buffer, recordIndex, data.type(), size);

    assertThat(frameBytes).isSameAs(buffer);
    EmbeddedChannel decoder = InPlaceMaskingEncoderTest.serverDecoder();
    decoder.writeInbound(frameBytes);
    BinaryWebSocketFrame frame = decoder.readInbound();
    assertThat(ByteBufUtil.getBytes(frame.content())).isEqualTo(message);
    frame.release();
  }

  @Test
  void anOpenedTextRecordBecomesATextFrame() throws Exception {
    open(KeyLimits.PROTOCOL);
    ByteBuffer record =
        client.encode(MessageType.TEXT, ByteBuffer.wrap("héllo".getBytes("UTF-8"))).get(0);
    ByteBuf buffer = Unpooled.buffer().writeBytes(record);
    Event.Data data =
        (Event.Data) server.receive(buffer.internalNioBuffer(0, buffer.readableBytes()));

    EmbeddedChannel decoder = InPlaceMaskingEncoderTest.serverDecoder();
    decoder.writeInbound(
        RelayFrames.openedToUpstreamFrame(buffer, 0, data.type(), data.payload().remaining()));

    TextWebSocketFrame frame = decoder.readInbound();
    assertThat(frame.text()).isEqualTo("héllo");
    frame.release();
  }
}
