package io.socketx.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/** Ordinary binary WebSocket messages: the timestamp, then filler bytes. */
final class PlainFraming implements Framing {
  private final byte[] filler;

  PlainFraming(byte[] filler) {
    this.filler = filler;
  }

  @Override
  public boolean begin(ChannelHandlerContext ctx) {
    return true;
  }

  @Override
  public long receive(ChannelHandlerContext ctx, ByteBuf content) {
    return content.getLong(content.readerIndex());
  }

  @Override
  public WebSocketFrame frame(ChannelHandlerContext ctx, long stamp) {
    ByteBuf buf = ctx.alloc().buffer(filler.length);
    buf.writeLong(stamp).writeBytes(filler, Long.BYTES, filler.length - Long.BYTES);
    return new BinaryWebSocketFrame(buf);
  }
}
