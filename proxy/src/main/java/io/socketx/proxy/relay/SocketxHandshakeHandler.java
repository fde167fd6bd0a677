package io.socketx.proxy.relay;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.v2.Event;
import io.socketx.protocol.v2.ServerSession;
import io.socketx.proxy.HandlerNames;
import io.socketx.proxy.admission.HandshakeSlot;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SocketX handshake phase (docs/protocol.md sections 6 and 9): feeds client records to the
 * session, answers CLIENT_HELLO with SERVER_HELLO, opens the upstream once CLIENT_FINISHED proved
 * the keys, and meanwhile keeps reading early PROXY_DATA, which the session holds in order. Once
 * the upstream is connected it sends UPSTREAM_CONNECTED before anything from the upstream, forwards
 * the held data upstream in order, then hands over to the relay and removes itself. The whole phase
 * must finish within {@code HANDSHAKE_TIMEOUT}.
 */
public final class SocketxHandshakeHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(SocketxHandshakeHandler.class);

  private final Connection connection;
  private ScheduledFuture<?> timeout;
  private long upstreamRequestedAt;

  public SocketxHandshakeHandler(Connection connection) {
    this.connection = connection;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
      // From now on only WebSocket frames arrive: the HTTP phase is over.
      for (String name : new String[] {HandlerNames.HTTP_IDLE, HandlerNames.HTTP_REQUEST}) {
        if (ctx.pipeline().get(name) != null) {
          ctx.pipeline().remove(name);
        }
      }
      connection.webSocketOpened();
      Duration limit = connection.context().config().handshakeTimeout();
      timeout = ctx.executor().schedule(this::timedOut, limit.toMillis(), TimeUnit.MILLISECONDS);
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof BinaryWebSocketFrame frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (connection.isClosing()) {
      frame.release();
      return;
    }
    Event event;
    try {
      // early data is copied by the session, so the frame can go at once
      event = connection.session().receive(frame.content().nioBuffer());
    } catch (ProtocolException e) {
      failed(e.error(), e.getMessage());
      return;
    } finally {
      frame.release();
    }
    if (event instanceof Event.Reply reply) {
      ctx.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(reply.record())));
    } else if (event instanceof Event.UpstreamRequested requested) {
      URI uri = connection.route().upstreamFor(requested.pathname());
      connection.upstreamRequested(uri);
      upstreamRequestedAt = System.nanoTime();
      UpstreamConnector.connect(connection, uri).addListener(f -> upstreamDone(ctx, f, uri));
    } else if (event instanceof Event.EarlyDataHeld) {
      connection.context().metrics().earlyMessageHeld();
    } else if (event instanceof Event.Closed closed) {
      cancelTimeout();
      connection.closeRecordFromClient(closed.notice());
    }
    // KeyUpdated, Withheld: the session keeps them; nothing to send yet
  }

  private void upstreamDone(ChannelHandlerContext ctx, Future<? super Channel> f, URI uri) {
    if (!f.isSuccess()) {
      String reason = UpstreamConnector.failureReason(f.cause());
      connection.context().metrics().upstreamFailure(reason);
      connection.context().metrics().handshake("upstream_" + reason);
      cancelTimeout();
      if (connection.context().logLimiter().admit()) {
        LOG.warn(
            "Upstream {} unavailable for connection {}: {}",
            connection.upstreamWithoutQuery(),
            connection.id(),
            String.valueOf(f.cause()),
            Markers.append("connection_id", connection.id()));
      }
      connection.fail(
          UpstreamConnector.closeCode(f.cause()),
          UpstreamConnector.closeReason(f.cause()),
          CloseCodes.ABNORMAL,
          "");
      return;
    }
    Channel upstream = (Channel) f.getNow();
    if (connection.isClosing()) {
      upstream.close();
      return;
    }
    connection
        .context()
        .metrics()
        .upstreamConnected(Duration.ofNanos(System.nanoTime() - upstreamRequestedAt));
    connection.upstreamOpened(upstream, uri);
    ServerSession.UpstreamReady ready;
    try {
      ready = connection.session().upstreamConnected();
    } catch (ProtocolException e) {
      failed(e.error(), e.getMessage());
      return;
    }
    cancelTimeout();
    HandshakeSlot.releaseHeldBy(ctx.channel());
    connection.context().metrics().handshake("success");
    // From here on the relay reads the client only when the upstream has room.
    ctx.channel().config().setAutoRead(false);
    // UPSTREAM_CONNECTED goes out before any upstream message can: the upstream relay starts below.
    ctx.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(ready.upstreamConnected())));
    ClientRelayHandler relay = (ClientRelayHandler) ctx.pipeline().get(HandlerNames.CLIENT_RELAY);
    for (Event.Data early : ready.earlyData()) {
      relay.forwardEarly(early);
    }
    upstream.flush();
    LOG.debug(
        "Connection {} open to {} ({} early messages)",
        connection.id(),
        connection.upstreamWithoutQuery(),
        ready.earlyData().size(),
        Markers.appendEntries(connection.logFields()));
    UpstreamHandler upstreamRelay =
        (UpstreamHandler) upstream.pipeline().get(HandlerNames.UPSTREAM_RELAY);
    ctx.pipeline().remove(this);
    // Both upgrades are done and pings, pongs and close frames are the proxy's own: Netty's
    // protocol handlers would only pass each frame on (one handler less per message and leg, and
    // no handshaker with its headers kept per idle connection).
    ctx.pipeline().remove(HandlerNames.WS_PROTOCOL);
    upstream.pipeline().remove(HandlerNames.UPSTREAM_WS_PROTOCOL);
    relay.start();
    upstreamRelay.start();
  }

  private void failed(ProtocolError error, String detail) {
    cancelTimeout();
    connection.context().metrics().handshake(error.name());
    connection.protocolError(error, detail);
  }

  private void timedOut() {
    if (!connection.isClosing()) {
      connection.context().metrics().handshake(ProtocolError.HANDSHAKE_TIMEOUT.name());
      connection.protocolError(ProtocolError.HANDSHAKE_TIMEOUT, "handshake not finished in time");
    }
  }

  private void cancelTimeout() {
    if (timeout != null) {
      timeout.cancel(false);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancelTimeout();
    ctx.fireChannelInactive();
  }
}
