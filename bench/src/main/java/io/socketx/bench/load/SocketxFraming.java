package io.socketx.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.socketx.protocol.ClientEvent;
import io.socketx.protocol.ClientSession;
import io.socketx.protocol.ClientSettings;
import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * The SocketX client side: runs the handshake through {@link ClientSession}, then sends each
 * message as an encrypted PROXY_DATA record and decrypts the echoes in place.
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
    ClientEvent event = session.receive(content.nioBuffer());
    if (event instanceof ClientEvent.Data data) {
      ByteBuffer payload = data.payload();
      return payload.getLong(payload.position());
    }
    if (event instanceof ClientEvent.Reply reply) {
      ctx.write(binary(reply.record()));
      return HANDSHAKING;
    }
    return OPENED;
  }

  @Override
  public WebSocketFrame frame(ChannelHandlerContext ctx, long stamp) throws ProtocolException {
    plaintext.clear().putLong(0, stamp);
    int n = session.encodedSize(plaintext.remaining());
    ByteBuf out = ctx.alloc().heapBuffer(n);
    session.encode(MessageType.BINARY, plaintext, out.nioBuffer(0, n));
    return new BinaryWebSocketFrame(out.writerIndex(n));
  }

  private static BinaryWebSocketFrame binary(ByteBuffer record) {
    return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(record));
  }
}
