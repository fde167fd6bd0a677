package io.socketx.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.v2.ClientSession;
import io.socketx.protocol.v2.ClientSettings;
import io.socketx.protocol.v2.Event;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;

/**
 * The SocketX (protocol v2) client side: runs the handshake through {@link ClientSession}, then
 * sends each message as an encrypted PROXY_DATA record (after a KEY_UPDATE when one is due) and
 * decrypts the echoes in place.
 */
final class SocketxFraming implements Framing {
  private final ClientSession session;
  private final ByteBuffer plaintext;

  SocketxFraming(ClientSettings settings, SecureRandom random, byte[] filler) {
    this.session = new ClientSession(settings, random);
    this.plaintext = ByteBuffer.wrap(filler.clone());
  }

  @Override
  public boolean begin(ChannelHandlerContext ctx) {
    ctx.writeAndFlush(binary(session.start()));
    return false;
  }

  @Override
  public long receive(ChannelHandlerContext ctx, ByteBuf content) throws ProtocolException {
    Event event = session.receive(content.nioBuffer());
    if (event instanceof Event.Data data) {
      ByteBuffer payload = data.payload();
      return payload.getLong(payload.position());
    }
    if (event instanceof Event.Established established) {
      ctx.write(binary(established.clientFinished()));
      return HANDSHAKING;
    }
    if (event instanceof Event.UpstreamConnected) {
      return OPENED;
    }
    return HANDSHAKING; // a KEY_UPDATE: nothing to measure
  }

  @Override
  public WebSocketFrame frame(ChannelHandlerContext ctx, long stamp) throws ProtocolException {
    plaintext.clear().putLong(0, stamp);
    List<ByteBuffer> records = session.encode(MessageType.BINARY, plaintext);
    for (int i = 0; i < records.size() - 1; i++) {
      ctx.write(binary(records.get(i))); // the KEY_UPDATE before the data
    }
    return binary(records.get(records.size() - 1));
  }

  private static BinaryWebSocketFrame binary(ByteBuffer record) {
    return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(record));
  }
}
