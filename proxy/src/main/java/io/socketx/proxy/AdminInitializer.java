package io.socketx.proxy;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.socketx.proxy.http.AdminRequestHandler;
import io.socketx.proxy.http.IdleHttpCloser;

/** Assembles the admin listener's pipeline: plain HTTP, no TLS, no WebSocket. */
final class AdminInitializer extends ChannelInitializer<SocketChannel> {
  private final ProxyContext context;

  AdminInitializer(ProxyContext context) {
    this.context = context;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast(HandlerNames.HTTP_CODEC, new HttpServerCodec());
    p.addLast(HandlerNames.HTTP_IDLE, new IdleHttpCloser(ProxyInitializer.HTTP_IDLE_TIMEOUT));
    p.addLast(
        HandlerNames.HTTP_AGGREGATOR, new HttpObjectAggregator(ProxyInitializer.MAX_HTTP_REQUEST));
    p.addLast(HandlerNames.HTTP_REQUEST, new AdminRequestHandler(context));
  }
}
