package io.socketx.bench.upstream;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.v2.Event;
import io.socketx.protocol.v2.ServerSession;
import io.socketx.protocol.v2.ServerSettings;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * A SocketX (protocol v2) endpoint with a built-in echo upstream: answers the handshake, reports
 * the upstream connected at once, and sends every decoded message back re-encoded. Isolates
 * protocol cost from proxying cost and serves the harness smoke test.
 */
final class SocketxEchoHandler extends ChannelInboundHandlerAdapter {
  private final ServerSession session;
  private final UpstreamOptions.Behaviour behaviour;
  private final EchoHandler.Counter counter;

  SocketxEchoHandler(
      ServerSettings settings,
      SecureRandom random,
      UpstreamOptions.Behaviour behaviour,
      EchoHandler.Counter counter) {
    this.session = new ServerSession(settings, random);
    this.behaviour = behaviour;
    this.counter = counter;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (!(msg instanceof BinaryWebSocketFrame frame)) {
        if (msg instanceof WebSocketFrame) {
          reject(ctx, ProtocolError.TEXT_FRAME);
        }
        return;
      }
      Event event = session.receive(frame.content().nioBuffer());
      if (event instanceof Event.Reply reply) {
        ctx.write(binary(reply.record()));
      } else if (event instanceof Event.UpstreamRequested) {
        ServerSession.UpstreamReady ready = session.upstreamConnected();
        ctx.write(binary(ready.upstreamConnected()));
        for (Event.Data early : ready.earlyData()) {
          data(ctx, early);
        }
      } else if (event instanceof Event.Data data) {
        data(ctx, data);
      }
    } catch (ProtocolException e) {
      reject(ctx, e.error());
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void data(ChannelHandlerContext ctx, Event.Data data) throws ProtocolException {
    counter.add();
    if (behaviour == UpstreamOptions.Behaviour.ECHO) {
      for (ByteBuffer record : session.encode(data.type(), data.payload())) {
        ctx.write(binary(record), ctx.voidPromise());
      }
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  private static BinaryWebSocketFrame binary(ByteBuffer record) {
    return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(record));
  }

  private static void reject(ChannelHandlerContext ctx, ProtocolError error) {
    ctx.writeAndFlush(new CloseWebSocketFrame(error.closeCode(), error.reason()))
        .addListener(f -> ctx.close());
  }
}
