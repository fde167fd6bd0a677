package io.socketx.proxy.relay;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.socketx.contract.domainmap.HostAndPort;
import io.socketx.contract.domainmap.Route;
import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.v2.CloseNotice;
import io.socketx.protocol.v2.ServerSession;
import io.socketx.proxy.ProxyContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one proxied connection (client leg, upstream leg, protocol session, read gates) and
 * the single place that ends it: every cause maps to one {@link CloseDecision}, carried out once on
 * both legs and recorded by its {@link ConnectionAudit}. Confined to the client channel's event
 * loop, which the upstream channel shares.
 */
public final class Connection {
  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
  private static final long CLOSE_GRACE_MS = 5_000;

  private final String id;
  private final Channel client;
  private final ProxyContext context;
  private final long maxPendingBytes;
  private final ConnectionAudit audit = new ConnectionAudit();

  private Route route;
  private HostAndPort host;
  private String origin;
  private ServerSession session;
  // read by metric scrapes from other threads; a scrape may miss an upstream that just connected
  private Channel upstream;
  private URI upstreamUri;
  private boolean clientWebSocket;
  private boolean upstreamWebSocket;
  private boolean registered;

  private final ReadGate clientReads = new ReadGate(this);
  private final ReadGate upstreamReads = new ReadGate(this);

  /** How the connection ended; null while it is open. */
  private CloseDecision closed;

  public Connection(Channel client, ProxyContext context) {
    this.id = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    this.client = client;
    this.context = context;
    var config = context.config();
    // Normal relaying keeps at most one read's worth of messages (or one aggregated message) in
    // flight per direction; twice that plus the write buffer is only exceeded by abuse.
    this.maxPendingBytes =
        2L * (config.maxMessageSize() + config.readBufferSize()) + config.writeBufferSize();
  }

  public String id() {
    return id;
  }

  public Channel client() {
    return client;
  }

  public Channel upstream() {
    return upstream;
  }

  public ProxyContext context() {
    return context;
  }

  public Route route() {
    return route;
  }

  public ServerSession session() {
    return session;
  }

  public boolean isClosing() {
    return closed != null;
  }

  /** Called once the upgrade request passed the route and origin checks. */
  public void routed(Route route, HostAndPort host, String origin) {
    this.route = route;
    this.host = host;
    this.origin = origin;
  }

  /** Called when the client's WebSocket upgrade completed: the connection now counts as open. */
  public void webSocketOpened() {
    clientWebSocket = true;
    session = new ServerSession(context.sessionSettings(), context.random());
    registered = true;
    context.connections().add(this);
    context.metrics().connectionOpened();
    client.closeFuture().addListener(f -> finished());
  }

  /** Called when the upstream leg finished its WebSocket handshake. */
  public void upstreamOpened(Channel channel, URI uri) {
    this.upstream = channel;
    this.upstreamUri = uri;
    this.upstreamWebSocket = true;
    channel.closeFuture().addListener(f -> upstreamLost());
  }

  /** The upstream URL being connected, for logs before the upstream is open. */
  public void upstreamRequested(URI uri) {
    this.upstreamUri = uri;
  }

  // ---- counters for the audit record (event loop only) ----

  void decoded(int bytes, long nanos) {
    audit.decoded(bytes, nanos);
  }

  void encoded(int bytes, long nanos) {
    audit.encoded(bytes, nanos);
  }

  /** Backpressure of the client to upstream direction. */
  ReadGate clientReads() {
    return clientReads;
  }

  /** Backpressure of the upstream to client direction. */
  ReadGate upstreamReads() {
    return upstreamReads;
  }

  /** Whether the client is not read because forwarded messages are still being written. */
  public boolean clientReadsPaused() {
    return clientReads.paused();
  }

  /** Whether the upstream is not read because forwarded messages are still being written. */
  public boolean upstreamReadsPaused() {
    return upstreamReads.paused();
  }

  /** Whether {@code channel} holds more unsent bytes than normal relaying can produce. */
  boolean overBufferLimit(Channel channel) {
    return pendingBytes(channel) > maxPendingBytes;
  }

  // ---- closing: each cause maps to one CloseDecision, carried out once ----

  /**
   * The client sent a close frame. Without an authenticated CLOSE record before it the session was
   * cut short. When the proxy had already sent its own close frame, this is the client's answer:
   * the closing handshake is complete and the proxy, as the server, closes the TCP connection (RFC
   * 6455 section 7.1.1).
   */
  void closeFromClient(int code, String reason) {
    if (isClosing()) {
      client.close();
      return;
    }
    end(CloseDecision.clientTruncated(code, reason));
  }

  /** The client ended the session with an authenticated CLOSE record. */
  void closeRecordFromClient(CloseNotice notice) {
    end(CloseDecision.clientClosed(notice));
  }

  /** The upstream sent a close frame. */
  void closeFromUpstream(int code, String reason) {
    end(CloseDecision.upstreamClosed(code, reason));
  }

  /** The client connection dropped without a close frame. */
  void clientLost() {
    end(CloseDecision.clientLost());
  }

  /** The upstream connection dropped (with or without a close frame already handled). */
  void upstreamLost() {
    end(CloseDecision.upstreamLost());
  }

  /** Netty's frame decoder found a malformed or oversized client frame. */
  void clientFrameError(int code, String reason) {
    context.metrics().decodeFailure("frame_" + code);
    end(CloseDecision.clientFrameError(code, reason));
  }

  /** The client broke the protocol: it gets the error's code; the upstream is told it went away. */
  public void protocolError(ProtocolError error, String detail) {
    context.metrics().decodeFailure(error.name());
    if (context.logLimiter().admit()) {
      LOG.info(
          "Closing connection {}: client protocol error {} ({})",
          id,
          error.name(),
          detail,
          Markers.append("connection_id", id));
    }
    end(CloseDecision.protocolError(error));
  }

  /** The proxy ends the connection for a reason of its own, with one code for both legs. */
  public void fail(int code, String reason) {
    end(CloseDecision.proxy(code, reason));
  }

  /** The proxy ends the connection with different codes for each leg. */
  public void fail(int clientCode, String clientReason, int upstreamCode, String upstreamReason) {
    end(
        CloseDecision.proxy(
            new CloseDecision.Frame(clientCode, clientReason),
            new CloseDecision.Frame(upstreamCode, upstreamReason)));
  }

  /** Closes both legs from any thread, e.g. at shutdown or when the route was removed. */
  public void closeByProxy(int code, String reason) {
    client.eventLoop().execute(() -> fail(code, reason));
  }

  /**
   * Carries out the first decision and ignores any later one: each leg gets one close frame, the
   * client a CLOSE record before it when the decision has one, and the audit records the decision.
   */
  private void end(CloseDecision decision) {
    if (isClosing()) {
      return;
    }
    closed = decision;
    // Upstream first: the client's close can complete synchronously and must not overtake it.
    sendClose(upstream, upstreamWebSocket, decision.toUpstream(), true);
    if (decision.closeRecord() != null) {
      sendCloseRecord(decision.closeRecord());
    }
    sendClose(client, clientWebSocket, decision.toClient(), decision.awaitsClientCloseFrame());
  }

  /**
   * The authenticated end of the session (docs/protocol.md section 9), sent before the close frame
   * once the session has keys; without it the client reports the session as truncated.
   */
  private void sendCloseRecord(CloseNotice notice) {
    if (session == null || session.eeid() == null || !client.isActive()) {
      return;
    }
    try {
      client.write(
          new BinaryWebSocketFrame(Unpooled.wrappedBuffer(session.close(notice))),
          client.voidPromise());
    } catch (ProtocolException | IllegalStateException e) {
      // the sequence numbers ran out or a CLOSE went out already: the close frame still follows
      LOG.debug("No CLOSE record for connection {}: {}", id, e.getMessage());
    }
  }

  /**
   * Sends a close frame on one leg. With {@code awaitPeer} the proxy then reads and drops whatever
   * the peer still sends until the closing handshake completes: the upstream (a server) closes the
   * TCP connection, or the client answers with its close frame and the proxy closes. Closing at
   * once would leave a busy peer's unread messages in our receive buffer, so the kernel would
   * answer with a reset, and a peer still writing sees that reset before it reads our close frame.
   * Without it (the client already sent its close frame, so sends nothing more) the proxy closes as
   * soon as the frame is out.
   */
  private static void sendClose(
      Channel channel, boolean webSocket, CloseDecision.Frame close, boolean awaitPeer) {
    if (channel == null || !channel.isActive()) {
      return;
    }
    if (!webSocket || close.abrupt()) {
      channel.close();
      return;
    }
    CloseWebSocketFrame frame =
        close.hasStatus()
            ? new CloseWebSocketFrame(close.code(), close.reason())
            : new CloseWebSocketFrame();
    ChannelFuture sent = channel.writeAndFlush(frame);
    if (!awaitPeer) {
      sent.addListener(ChannelFutureListener.CLOSE);
    } else {
      // Relay handlers drop every message once the connection is closing.
      sent.addListener(
          f -> {
            if (f.isSuccess()) {
              channel.config().setAutoRead(true);
            } else {
              channel.close();
            }
          });
    }
    // A peer that stopped reading never lets the close frame out, and one that never answers
    // would keep the leg open: do not wait for either forever.
    channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
  }

  private void finished() {
    if (!isClosing()) {
      clientLost();
    }
    if (!registered) {
      return;
    }
    registered = false;
    context.connections().remove(this);
    context.metrics().connectionClosed();
    if (context.logLimiter().admit()) {
      audit.write(this, closed);
    }
  }

  /** A view for the registry; safe to call from any thread (fields are set before publish). */
  ConnectionInfo info() {
    return new ConnectionInfo(
        id,
        route == null ? "" : route.key(),
        host == null ? "" : host.toString(),
        origin == null ? "" : origin,
        upstreamWithoutQuery(),
        audit.started());
  }

  /** Bytes written toward the client and not yet sent. */
  long pendingToClientBytes() {
    return pendingBytes(client);
  }

  /** Bytes written toward the upstream and not yet sent. */
  long pendingToUpstreamBytes() {
    return pendingBytes(upstream);
  }

  /**
   * The upstream URL as logged: scheme, authority and path only. The query is where clients put
   * tokens (docs/protocol.md section 6.3), so logs show at most its size.
   */
  String upstreamWithoutQuery() {
    if (upstreamUri == null) {
      return "";
    }
    String s = upstreamUri.toString();
    int q = s.indexOf('?');
    return q < 0 ? s : s.substring(0, q);
  }

  /** The size of the upstream URL's query, which is never logged itself. */
  long upstreamQueryBytes() {
    String query = upstreamUri == null ? null : upstreamUri.getRawQuery();
    return query == null ? 0 : query.getBytes(StandardCharsets.UTF_8).length;
  }

  /** The session's end-to-end id, empty before the handshake gave it one. */
  String eeid() {
    return session == null || session.eeid() == null ? "" : session.eeid();
  }

  private static long pendingBytes(Channel channel) {
    ChannelOutboundBuffer buffer = channel == null ? null : channel.unsafe().outboundBuffer();
    return buffer == null ? 0 : buffer.totalPendingWriteBytes();
  }

  /** Fields for per-message debug events. */
  Map<String, Object> logFields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("connection_id", id);
    fields.put("eeid", eeid());
    fields.put("host", host == null ? "" : host.toString());
    fields.put("origin", origin == null ? "" : origin);
    fields.put("upstream_server", upstreamWithoutQuery());
    return fields;
  }
}
