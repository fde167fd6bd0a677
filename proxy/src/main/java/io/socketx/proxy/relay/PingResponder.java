package io.socketx.proxy.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.socketx.proxy.admission.TokenBucket;

/**
 * Answers a peer's pings with at most one pong in flight: while a pong has not been written out, a
 * newer ping only replaces the payload of the one pong that follows it (RFC 6455 section 5.5.3
 * allows answering only the most recent ping). It sits before Netty's WebSocket protocol handler,
 * which would queue a pong for every ping, so a peer that floods pings and never reads costs the
 * proxy at most two small frames instead of unbounded memory; its own TCP window then stalls it.
 * Pings are consumed here: they do not count as an answer to the proxy's keepalive. On the client
 * leg a budget of pings a second also bounds the CPU a flood costs (every ping is still decoded):
 * the first ping over it calls the given action, which closes the connection.
 */
public final class PingResponder extends ChannelInboundHandlerAdapter {
  private final TokenBucket budget;
  private final Runnable overBudget;
  private boolean pongInFlight;
  private ByteBuf nextPong;
  private boolean exhausted;

  /** Answers every ping (the upstream leg: the route's own server). */
  public PingResponder() {
    this(null, null);
  }

  /**
   * Answers pings while {@code budget} has a token for each, else runs {@code overBudget} once and
   * drops pings from then on.
   */
  public PingResponder(TokenBucket budget, Runnable overBudget) {
    this.budget = budget;
    this.overBudget = overBudget;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof PingWebSocketFrame ping)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (exhausted || (budget != null && budget.tryTake() > 0)) {
      ping.release();
      if (!exhausted) {
        exhausted = true;
        overBudget.run();
      }
      return;
    }
    // a copy: the payload is at most 125 bytes, and the ping's buffer may share a larger one
    ByteBuf payload = Unpooled.copiedBuffer(ping.content());
    ping.release();
    if (nextPong != null) {
      nextPong.release();
    }
    nextPong = payload;
    if (!pongInFlight) {
      sendNext(ctx);
    }
  }

  private void sendNext(ChannelHandlerContext ctx) {
    ByteBuf payload = nextPong;
    nextPong = null;
    if (payload == null || !ctx.channel().isActive()) {
      if (payload != null) {
        payload.release();
      }
      return;
    }
    pongInFlight = true;
    ctx.channel()
        .writeAndFlush(new PongWebSocketFrame(payload))
        .addListener(
            f -> {
              pongInFlight = false;
              if (f.isSuccess()) {
                sendNext(ctx);
              }
            });
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    discardNext();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    discardNext();
  }

  private void discardNext() {
    if (nextPong != null) {
      nextPong.release();
      nextPong = null;
    }
  }
}
