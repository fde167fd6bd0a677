package io.socketx.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.socketx.protocol.v2.ClientSession;
import io.socketx.protocol.v2.ClientSettings;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * The handshake flood's side of the SocketX handshake: every connection sends the same
 * CLIENT_HELLO, made once from one key share, and counts the proxy's SERVER_HELLO as the end. The
 * proxy has then generated its key share, encapsulated, derived the keys and signed; the attacker
 * paid for one upgrade and a copy of 1–2 kB.
 */
final class FixedHelloFraming implements Framing {
  private final byte[] hello;

  private FixedHelloFraming(byte[] hello) {
    this.hello = hello;
  }

  /** A CLIENT_HELLO under {@code settings}, shared by every connection of the run. */
  static FixedHelloFraming of(ClientSettings settings, SecureRandom random) {
    ByteBuffer record = new ClientSession(settings, random).start();
    byte[] bytes = new byte[record.remaining()];
    record.get(bytes);
    return new FixedHelloFraming(bytes);
  }

  @Override
  public boolean begin(ChannelHandlerContext ctx) {
    ctx.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(hello)));
    return false;
  }

  @Override
  public long receive(ChannelHandlerContext ctx, ByteBuf content) {
    return OPENED; // SERVER_HELLO: the proxy did its whole share of the key exchange
  }

  @Override
  public WebSocketFrame frame(ChannelHandlerContext ctx, long stamp) {
    throw new UnsupportedOperationException("a handshake flood sends no data");
  }
}
