package io.socketx.proxy.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.WriteTimeoutException;
import io.netty.util.ReferenceCountUtil;
import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.v2.Event;
import io.socketx.protocol.v2.Wire;
import java.io.IOException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay phase, client to upstream: decodes each PROXY_DATA record and forwards its payload as a
 * text or binary frame, reading the client again only after every forwarded frame was written;
 * KEY_UPDATE and CLOSE records are handled by the session and the connection. Also the client leg's
 * last handler: close frames, disconnects and errors end here.
 */
public final class ClientRelayHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ClientRelayHandler.class);

  private final Connection connection;
  private boolean relaying;

  public ClientRelayHandler(Connection connection) {
    this.connection = connection;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    connection.clientReads().bind(ctx);
  }

  /** Starts relaying once the session is open and the upstream is connected. */
  public void start() {
    relaying = true;
    connection.clientReads().readMore();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof BinaryWebSocketFrame frame && relaying) {
      relay(frame);
    } else if (msg instanceof TextWebSocketFrame text) {
      text.release();
      connection.protocolError(ProtocolError.TEXT_FRAME, "text frame from client");
    } else if (msg instanceof CloseWebSocketFrame close) {
      boolean hasStatus = close.statusCode() >= 0;
      int code = hasStatus ? close.statusCode() : CloseCodes.NO_STATUS;
      String reason = close.reasonText();
      close.release();
      if (hasStatus && !CloseCodes.isSendable(code)) {
        // RFC 6455 section 7.4: 1005, 1006, 1015 and unassigned codes never travel in a frame
        connection.fail(
            CloseCodes.PROTOCOL_ERROR,
            "invalid close code",
            CloseCodes.GOING_AWAY,
            "client protocol error");
      } else {
        connection.closeFromClient(code, reason);
      }
    } else {
      ReferenceCountUtil.release(msg);
      if (msg instanceof WebSocketFrame) {
        connection.protocolError(
            ProtocolError.UNEXPECTED_ACTION, "record before the session was open");
      }
    }
  }

  private void relay(BinaryWebSocketFrame frame) {
    if (connection.isClosing()) {
      frame.release();
      return;
    }
    int maxRecord = connection.context().config().maxMessageSize() + Wire.ENCRYPTED_OVERHEAD;
    if (frame.content().readableBytes() > maxRecord) {
      frame.release();
      connection.context().metrics().decodeFailure(ProtocolError.MESSAGE_TOO_LARGE.name());
      connection.fail(
          CloseCodes.MESSAGE_TOO_BIG,
          "message too big",
          CloseCodes.GOING_AWAY,
          "client message too big");
      return;
    }
    ByteBuf content = frame.content();
    if (content.nioBufferCount() != 1 || content.isReadOnly()) {
      // a fragmented message aggregated into a composite buffer: decrypt a contiguous copy
      ByteBuf contiguous = connection.client().alloc().directBuffer(content.readableBytes());
      contiguous.writeBytes(content);
      frame.release();
      frame = new BinaryWebSocketFrame(contiguous);
      content = contiguous;
    }
    int recordIndex = content.readerIndex();
    Event event;
    long start = System.nanoTime();
    try {
      event =
          connection
              .session()
              .receive(content.internalNioBuffer(recordIndex, content.readableBytes()));
    } catch (ProtocolException e) {
      frame.release();
      connection.protocolError(e.error(), e.getMessage());
      return;
    }
    long nanos = System.nanoTime() - start;
    if (!(event instanceof Event.Data data)) {
      frame.release();
      if (event instanceof Event.Closed closed) {
        connection.closeRecordFromClient(closed.notice());
      }
      // KeyUpdated and Withheld need nothing: the session switched keys or stopped delivering
      return;
    }
    ByteBuffer payload = data.payload();
    int size = payload.remaining();
    if (!counted(payload, nanos)) {
      frame.release();
      return;
    }
    // The payload was decrypted in place (ServerSession#receive): the record's own buffer becomes
    // the upstream frame, so nothing is copied or allocated.
    RelayFrames.openedToUpstreamFrame(content, recordIndex, data.type(), size);
    connection.clientReads().forward(connection.upstream(), content);
  }

  /**
   * Forwards one early message the session held until the upstream was connected; the caller
   * flushes the upstream after the last one.
   */
  void forwardEarly(Event.Data early) {
    if (connection.isClosing() || !counted(early.payload(), 0)) {
      return;
    }
    ByteBuf content = Unpooled.wrappedBuffer(early.payload());
    WebSocketFrame out =
        early.type() == MessageType.TEXT
            ? new TextWebSocketFrame(content)
            : new BinaryWebSocketFrame(content);
    connection.clientReads().forward(connection.upstream(), out);
  }

  /** Counts a decoded message; false when the upstream leg is over its buffer limit. */
  private boolean counted(ByteBuffer payload, long nanos) {
    int size = payload.remaining();
    connection.decoded(size, nanos);
    connection.context().metrics().decoded(size);
    connection.context().meter().decoded();
    if (MessageEvents.enabled()) {
      MessageEvents.log(connection, "decode", nanos, payload);
    }
    if (connection.overBufferLimit(connection.upstream())) {
      connection.fail(CloseCodes.POLICY_VIOLATION, "buffer limit exceeded");
      return false;
    }
    return true;
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (relaying) {
      connection.clientReads().readComplete(connection.upstream());
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    connection.upstreamReads().destinationWritabilityChanged(ctx.channel());
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    connection.clientLost();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      connection.fail(
          CloseCodes.MESSAGE_TOO_BIG,
          "message too big",
          CloseCodes.GOING_AWAY,
          "client message too big");
    } else if (cause instanceof CorruptedWebSocketFrameException e) {
      connection.clientFrameError(e.closeStatus().code(), e.closeStatus().reasonText());
    } else if (cause instanceof WriteTimeoutException) {
      connection.fail(
          CloseCodes.ABNORMAL,
          "client write timeout",
          CloseCodes.GOING_AWAY,
          "client write timeout");
    } else if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
      // the client went away, possibly in the middle of a fragmented message: routine
      connection.clientLost();
    } else if (cause.getCause() instanceof SSLException) {
      // a client that fails the TLS handshake (untrusted certificate, scanner): routine
      LOG.debug("TLS handshake with client failed: {}", cause.getCause().toString());
      connection.clientLost();
    } else {
      LOG.warn("Closing connection {} after an unexpected error", connection.id(), cause);
      connection.fail(CloseCodes.INTERNAL_ERROR, "internal error");
    }
  }
}
