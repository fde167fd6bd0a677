package io.socketx.bench.upstream;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.LongAdder;

/**
 * Echoes (or swallows) every data frame, writing the received frame object back so no byte is
 * copied, flushing once per read burst, and pausing reads while the socket is not writable.
 */
@ChannelHandler.Sharable
final class EchoHandler extends ChannelInboundHandlerAdapter {
  private final UpstreamOptions.Behaviour behaviour;
  private final Counter counter;

  EchoHandler(UpstreamOptions.Behaviour behaviour, Counter counter) {
    this.behaviour = behaviour;
    this.counter = counter;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof BinaryWebSocketFrame || msg instanceof TextWebSocketFrame) {
      counter.add();
      if (behaviour == UpstreamOptions.Behaviour.ECHO) {
        ctx.write(msg, ctx.voidPromise());
        if (!ctx.channel().isWritable()) {
          // stop reading first: the flush may drain the buffer and fire writability at once
          ctx.channel().config().setAutoRead(false);
          ctx.flush();
          if (ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true);
          }
        }
        return;
      }
    }
    ReferenceCountUtil.release(msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      ctx.channel().config().setAutoRead(true);
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  /** Messages seen by all connections. */
  static final class Counter {
    private final LongAdder messages = new LongAdder();

    void add() {
      messages.increment();
    }

    long messages() {
      return messages.sum();
    }
  }
}
