package io.socketx.proxy.it;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Added to a test upstream's connection: writes numbered chunks toward the proxy whenever the
 * channel is writable, until {@code total} bytes are sent.
 */
final class UpstreamPusher extends ChannelInboundHandlerAdapter {
  final AtomicLong sent = new AtomicLong();
  private final int chunk;
  private final long total;
  private long index;

  UpstreamPusher(int chunk, long total) {
    this.chunk = chunk;
    this.total = total;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    pump(ctx);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    pump(ctx);
    ctx.fireChannelWritabilityChanged();
  }

  private void pump(ChannelHandlerContext ctx) {
    while (sent.get() < total && ctx.channel().isWritable()) {
      byte[] bytes = new byte[chunk];
      ByteBuffer.wrap(bytes).putLong(index++);
      ctx.channel().write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
      sent.addAndGet(chunk);
    }
    ctx.channel().flush();
  }
}
