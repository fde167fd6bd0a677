package io.socketx.proxy.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Closes an HTTP connection (no WebSocket yet) that sends nothing for a while. */
public final class IdleHttpCloser extends IdleStateHandler {
  public IdleHttpCloser(Duration idle) {
    super(idle.toMillis(), 0, 0, TimeUnit.MILLISECONDS);
  }

  @Override
  protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
    // an idle keep-alive HTTP connection is not kept forever
    ctx.close();
  }
}
