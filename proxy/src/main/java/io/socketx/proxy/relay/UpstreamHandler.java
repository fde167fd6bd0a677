package io.socketx.proxy.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.timeout.WriteTimeoutException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.v2.ServerSession;
import io.socketx.proxy.HandlerNames;
import java.io.IOException;

/**
 * The upstream leg's last handler: completes the connect promise when the upstream WebSocket is up,
 * then encodes every upstream message as a PROXY_DATA record for the client, reading the upstream
 * again only after every record was written to the client.
 */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {
  private final Connection connection;
  private final Promise<Channel> connected;
  private boolean relaying;

  UpstreamHandler(Connection connection, Promise<Channel> connected) {
    this.connection = connection;
    this.connected = connected;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    connection.upstreamReads().bind(ctx);
  }

  /** Starts relaying upstream messages to the client. */
  void start() {
    relaying = true;
    connection.upstreamReads().readMore();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    // auto-read is off: read the handshake response
    ctx.read();
    ctx.fireChannelActive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      ctx.pipeline()
          .replace(
              WebSocketFrameEncoder.class,
              HandlerNames.UPSTREAM_WS_ENCODER,
              new InPlaceMaskingEncoder());
      connected.trySuccess(ctx.channel());
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!relaying) {
      // Only the client's closing can stop relaying from starting; drop what still arrives.
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
      relay((WebSocketFrame) msg);
    } else if (msg instanceof CloseWebSocketFrame close) {
      int code = close.statusCode() < 0 ? CloseCodes.NO_STATUS : close.statusCode();
      String reason = close.reasonText();
      close.release();
      connection.closeFromUpstream(code, reason);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  private void relay(WebSocketFrame frame) {
    if (connection.isClosing()) {
      frame.release();
      return;
    }
    MessageType type = frame instanceof TextWebSocketFrame ? MessageType.TEXT : MessageType.BINARY;
    ServerSession session = connection.session();
    Channel client = connection.client();
    ByteBuf content = frame.content();
    int size = content.readableBytes();
    long start = System.nanoTime();
    ByteBuf out;
    try {
      out = RelayFrames.sealForClient(session, client.alloc(), type, content);
    } catch (ProtocolException e) {
      frame.release();
      connection.fail(e.error().closeCode(), e.error().reason());
      return;
    }
    long nanos = System.nanoTime() - start;
    connection.encoded(size, nanos);
    connection.context().metrics().encoded(size);
    connection.context().meter().encoded();
    if (MessageEvents.enabled()) {
      MessageEvents.log(connection, "encode", nanos, content.nioBuffer());
    }
    frame.release();
    if (connection.overBufferLimit(client)) {
      out.release();
      connection.fail(CloseCodes.POLICY_VIOLATION, "buffer limit exceeded");
      return;
    }
    connection.upstreamReads().forward(client, out);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (!relaying) {
      if (!connected.isDone()) {
        ctx.read();
      }
    } else {
      connection.upstreamReads().readComplete(connection.client());
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    connection.clientReads().destinationWritabilityChanged(ctx.channel());
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (!connected.tryFailure(
        new IOException("upstream closed the connection during the handshake"))) {
      connection.upstreamLost();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (connected.tryFailure(cause)) {
      ctx.close();
    } else if (cause instanceof TooLongFrameException) {
      connection.fail(
          CloseCodes.MESSAGE_TOO_BIG,
          "upstream message too big",
          CloseCodes.MESSAGE_TOO_BIG,
          "message too big");
    } else if (cause instanceof WriteTimeoutException) {
      connection.fail(CloseCodes.BAD_GATEWAY, "upstream write timeout", CloseCodes.ABNORMAL, "");
    } else {
      connection.upstreamLost();
    }
  }
}
