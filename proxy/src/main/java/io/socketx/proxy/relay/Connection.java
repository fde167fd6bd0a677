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
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one proxied connection (client leg, upstream leg, protocol session, counters) and
 * the single place that closes both legs and writes the close audit record. Confined to the client
 * channel's event loop, which the upstream channel shares.
 */
public final class Connection {
  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
  private static final Logger AUDIT = LoggerFactory.getLogger("io.socketx.proxy.audit");
  private static final long CLOSE_GRACE_MS = 5_000;
  private static final int MAX_REASON_BYTES = 123;

  /** Who ended a connection, for the audit record. */
  public enum Side {
    CLIENT,
    UPSTREAM,
    PROXY;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final String id;
  private final Channel client;
  private final ProxyContext context;
  private final Instant started = Instant.now();
  private final long maxPendingBytes;

  private Route route;
  private HostAndPort host;
  private String origin;
  private ServerSession session;
  private Channel upstream;
  private URI upstreamUri;
  private boolean clientWebSocket;
  private boolean upstreamWebSocket;
  private boolean registered;

  private final ReadGate clientReads = new ReadGate(this);
  private final ReadGate upstreamReads = new ReadGate(this);

  private long decodedMessages;
  private long decodedBytes;
  private long encodedMessages;
  private long encodedBytes;
  private long decodeNanos;
  private long encodeNanos;

  private boolean closing;
  private boolean clientDecoderFailed;
  private boolean clientCloseFrameReceived;
  private CloseNotice clientNotice;
  private Side closedBy;
  private int closeCode = CloseCodes.ABNORMAL;
  private String closeReason = "";

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
    return closing;
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

  // ---- counters (event loop only) ----

  void decoded(int bytes, long nanos) {
    decodedMessages++;
    decodedBytes += bytes;
    decodeNanos += nanos;
  }

  void encoded(int bytes, long nanos) {
    encodedMessages++;
    encodedBytes += bytes;
    encodeNanos += nanos;
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

  // ---- closing ----

  /**
   * The client sent a close frame. After its authenticated CLOSE record the record's code and
   * reason go upstream; without one the session was cut short (TRUNCATED, docs/protocol.md section
   * 9) and the upstream is told the client went away. When the proxy had already sent its own close
   * frame, this is the client's answer: the closing handshake is complete and the proxy, as the
   * server, closes the TCP connection (RFC 6455 section 7.1.1).
   */
  void closeFromClient(int code, String reason) {
    clientCloseFrameReceived = true;
    if (closing) {
      client.close();
      return;
    }
    if (clientNotice != null) {
      closedByClient(clientNotice, code, reason);
      return;
    }
    terminate(
        Side.CLIENT,
        ProtocolError.TRUNCATED.closeCode(),
        ProtocolError.TRUNCATED.reason(),
        socketx(code, reason),
        CloseCodes.GOING_AWAY,
        "client went away");
  }

  /**
   * The client ended the session with an authenticated CLOSE record: its code and reason go
   * upstream; the proxy answers the client's close frame that follows.
   */
  void closeRecordFromClient(CloseNotice notice) {
    clientNotice = notice;
    closedByClient(notice, notice.transportCode(), notice.reason());
  }

  private void closedByClient(CloseNotice notice, int frameCode, String frameReason) {
    int upstreamCode = CloseCodes.isSendable(notice.code()) ? notice.code() : CloseCodes.NORMAL;
    terminate(
        Side.CLIENT,
        notice.code(),
        notice.reason(),
        socketx(CloseCodes.isSendable(frameCode) ? frameCode : CloseCodes.NORMAL, frameReason),
        upstreamCode,
        notice.reason());
  }

  /**
   * The upstream sent a close frame: its code and reason reach the client inside an authenticated
   * CLOSE record of origin upstream, so they cannot be mistaken for the proxy's own codes.
   */
  void closeFromUpstream(int code, String reason) {
    terminate(
        Side.UPSTREAM, code, reason, CloseNotice.upstream(code, truncate(reason)), code, reason);
  }

  /** The client connection dropped without a close frame. */
  void clientLost() {
    terminate(
        Side.CLIENT,
        CloseCodes.ABNORMAL,
        "client connection lost",
        socketx(CloseCodes.ABNORMAL, ""),
        CloseCodes.GOING_AWAY,
        "client went away");
  }

  /** The upstream connection dropped (with or without a close frame already handled). */
  void upstreamLost() {
    terminate(
        Side.UPSTREAM,
        CloseCodes.BAD_GATEWAY,
        "upstream connection lost",
        socketx(CloseCodes.BAD_GATEWAY, "upstream connection lost"),
        CloseCodes.ABNORMAL,
        "");
  }

  /**
   * Netty's frame decoder found a malformed or oversized client frame: the client gets one close
   * frame with {@code code} and the upstream is told it went away. The decoder discards whatever
   * the client sends after a violation, so there is no closing handshake to wait for.
   */
  void clientFrameError(int code, String reason) {
    context.metrics().decodeFailure("frame_" + code);
    clientDecoderFailed = true;
    terminate(
        Side.PROXY,
        code,
        reason,
        socketx(code, reason),
        CloseCodes.GOING_AWAY,
        "client protocol error");
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
    terminate(
        Side.PROXY,
        error.closeCode(),
        error.reason(),
        CloseNotice.of(error),
        CloseCodes.GOING_AWAY,
        "client protocol error");
  }

  /** The proxy ends the connection for a reason of its own, with one code for both legs. */
  public void fail(int code, String reason) {
    terminate(Side.PROXY, code, reason, socketx(code, reason), code, reason);
  }

  /** The proxy ends the connection with different codes for each leg. */
  public void fail(int clientCode, String clientReason, int upstreamCode, String upstreamReason) {
    terminate(
        Side.PROXY,
        clientCode,
        clientReason,
        socketx(clientCode, clientReason),
        upstreamCode,
        upstreamReason);
  }

  /** Closes both legs from any thread, e.g. at shutdown or when the route was removed. */
  public void closeByProxy(int code, String reason) {
    client.eventLoop().execute(() -> fail(code, reason));
  }

  private static CloseNotice socketx(int code, String reason) {
    return new CloseNotice(CloseNotice.Origin.SOCKETX, code, truncate(reason));
  }

  private void terminate(
      Side by,
      int recordedCode,
      String recordedReason,
      CloseNotice toClient,
      int upstreamCode,
      String upstreamReason) {
    if (closing) {
      return;
    }
    closing = true;
    closedBy = by;
    closeCode = recordedCode;
    closeReason = recordedReason == null ? "" : recordedReason;
    // Upstream first: the client's close can complete synchronously and must not overtake it.
    sendClose(upstream, upstreamWebSocket, upstreamCode, upstreamReason, true);
    if (by != Side.CLIENT && toClient.code() != CloseCodes.ABNORMAL) {
      sendCloseRecord(toClient);
    }
    sendClose(
        client,
        clientWebSocket,
        toClient.transportCode(),
        toClient.origin() == CloseNotice.Origin.UPSTREAM ? "" : toClient.reason(),
        !clientCloseFrameReceived && !clientDecoderFailed);
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
      Channel channel, boolean webSocket, int code, String reason, boolean awaitPeer) {
    if (channel == null || !channel.isActive()) {
      return;
    }
    if (!webSocket || code == CloseCodes.ABNORMAL) {
      channel.close();
      return;
    }
    CloseWebSocketFrame frame =
        CloseCodes.isSendable(code)
            ? new CloseWebSocketFrame(code, truncate(reason))
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

  private static String truncate(String reason) {
    if (reason == null) {
      return "";
    }
    byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_REASON_BYTES) {
      return reason;
    }
    int end = MAX_REASON_BYTES;
    while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
      end--;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }

  private void finished() {
    if (!closing) {
      clientLost();
    }
    if (!registered) {
      return;
    }
    registered = false;
    context.connections().remove(this);
    context.metrics().connectionClosed();
    Instant ended = Instant.now();
    Map<String, Object> audit = new LinkedHashMap<>();
    audit.put("event_type", "audit");
    audit.put("connection_id", id);
    audit.put("host", host == null ? "" : host.toString());
    audit.put("origin", origin == null ? "" : origin);
    audit.put("route", route == null ? "" : route.key());
    audit.put("upstream_server", upstreamWithoutQuery());
    audit.put("upstream_query_bytes", queryBytes());
    audit.put("eeid", session == null || session.eeid() == null ? "" : session.eeid());
    audit.put("start_time", started.toString());
    audit.put("end_time", ended.toString());
    audit.put("duration_ms", Duration.between(started, ended).toMillis());
    audit.put("messages_from_client", decodedMessages);
    audit.put("bytes_from_client", decodedBytes);
    audit.put("messages_to_client", encodedMessages);
    audit.put("bytes_to_client", encodedBytes);
    audit.put("decode_time_ms", decodeNanos / 1_000_000.0);
    audit.put("encode_time_ms", encodeNanos / 1_000_000.0);
    audit.put("close_code", closeCode);
    audit.put("close_reason", closeReason);
    audit.put("closed_by", closedBy == null ? Side.CLIENT.label() : closedBy.label());
    // The seed logged the close audit as one "audit" object; existing queries read it there.
    Map<String, Object> seedAudit = new LinkedHashMap<>(audit);
    seedAudit.remove("event_type");
    audit.put("audit", seedAudit);
    if (context.logLimiter().admit()) {
      AUDIT.info("Connection closed", Markers.appendEntries(audit));
    }
  }

  /** A snapshot for the registry; safe to call from any thread (fields are set before publish). */
  ConnectionInfo info() {
    return new ConnectionInfo(
        id,
        route == null ? "" : route.key(),
        host == null ? "" : host.toString(),
        origin == null ? "" : origin,
        upstreamWithoutQuery(),
        started,
        pendingBytes(client),
        pendingBytes(upstream));
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

  private long queryBytes() {
    String query = upstreamUri == null ? null : upstreamUri.getRawQuery();
    return query == null ? 0 : query.getBytes(StandardCharsets.UTF_8).length;
  }

  private static long pendingBytes(Channel channel) {
    ChannelOutboundBuffer buffer = channel == null ? null : channel.unsafe().outboundBuffer();
    return buffer == null ? 0 : buffer.totalPendingWriteBytes();
  }

  /** Fields for per-message debug events. */
  Map<String, Object> logFields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("connection_id", id);
    fields.put("eeid", session == null || session.eeid() == null ? "" : session.eeid());
    fields.put("host", host == null ? "" : host.toString());
    fields.put("origin", origin == null ? "" : origin);
    fields.put("upstream_server", upstreamWithoutQuery());
    return fields;
  }
}
