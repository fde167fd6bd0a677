package io.socketx.proxy.http;

import static io.socketx.proxy.http.HttpResponses.JSON_TYPE;
import static io.socketx.proxy.http.HttpResponses.json;
import static io.socketx.proxy.http.HttpResponses.respond;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.socketx.contract.domainmap.HostAndPort;
import io.socketx.contract.domainmap.Route;
import io.socketx.proxy.ProxyContext;
import io.socketx.proxy.admission.Admission;
import io.socketx.proxy.relay.Connection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP phase of the public listener: serves the echo endpoint and admits a WebSocket upgrade
 * only when it is a well-formed RFC 6455 request (400 or 426 otherwise) for a known route and an
 * allowed origin (404 and 403 otherwise) within the admission limits (503 with Retry-After),
 * passing it on to the WebSocket handshake.
 */
public final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  public static final String ECHO_PATH = "/api/socketx-echo";
  private static final Logger LOG = LoggerFactory.getLogger(HttpRequestHandler.class);

  private final ProxyContext context;
  private final Connection connection;

  public HttpRequestHandler(ProxyContext context, Connection connection) {
    super(false);
    this.context = context;
    this.connection = connection;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception {
    if (request.decoderResult().isFailure()) {
      try {
        HttpResponses.malformed(ctx, request);
      } finally {
        request.release();
      }
      return;
    }
    if (isUpgrade(request)) {
      if (admit(ctx, request)) {
        ctx.fireChannelRead(request);
      } else {
        request.release();
      }
      return;
    }
    try {
      serve(ctx, request);
    } finally {
      request.release();
    }
  }

  private static boolean isUpgrade(FullHttpRequest request) {
    return request
        .headers()
        .containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
  }

  private boolean admit(ChannelHandlerContext ctx, FullHttpRequest request) {
    String hostHeader = request.headers().get(HttpHeaderNames.HOST);
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    Optional<UpgradeRequestCheck.Rejection> malformed =
        UpgradeRequestCheck.check(request.headers());
    if (malformed.isPresent()) {
      reject(ctx, request, malformed.get().status(), malformed.get().reason(), hostHeader, origin);
      return false;
    }
    HostAndPort host;
    try {
      host = HostAndPort.parse(hostHeader);
    } catch (IllegalArgumentException e) {
      reject(ctx, request, HttpResponseStatus.BAD_REQUEST, "bad_host", hostHeader, origin);
      return false;
    }
    Optional<Route> route = context.routes().resolve(host);
    if (route.isEmpty()) {
      reject(ctx, request, HttpResponseStatus.NOT_FOUND, "route_not_found", hostHeader, origin);
      return false;
    }
    if (!route.get().origins().allows(origin)) {
      reject(ctx, request, HttpResponseStatus.FORBIDDEN, "origin_rejected", hostHeader, origin);
      return false;
    }
    Admission admission = context.admission().admit(sourceOf(ctx));
    if (admission instanceof Admission.Refused refused) {
      reject(
          ctx,
          request,
          HttpResponseStatus.SERVICE_UNAVAILABLE,
          refused.reason(),
          hostHeader,
          origin,
          refused.retryAfterSeconds());
      return false;
    }
    ((Admission.Admitted) admission).slot().holdBy(ctx.channel());
    connection.routed(route.get(), host, origin);
    return true;
  }

  private static InetAddress sourceOf(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof InetSocketAddress remote
        ? remote.getAddress()
        : null;
  }

  private void reject(
      ChannelHandlerContext ctx,
      FullHttpRequest request,
      HttpResponseStatus status,
      String reason,
      String host,
      String origin) {
    reject(ctx, request, status, reason, host, origin, 0);
  }

  private void reject(
      ChannelHandlerContext ctx,
      FullHttpRequest request,
      HttpResponseStatus status,
      String reason,
      String host,
      String origin,
      long retryAfterSeconds) {
    context.metrics().upgradeRejected(reason);
    if (context.logLimiter().admit()) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("event_type", "upgrade_rejected");
      fields.put("reason", reason);
      fields.put("status", status.code());
      fields.put("host", host == null ? "" : host);
      fields.put("origin", origin == null ? "" : origin);
      fields.put("remote_addr", String.valueOf(ctx.channel().remoteAddress()));
      LOG.info("Rejected WebSocket upgrade: {}", reason, Markers.appendEntries(fields));
    }
    FullHttpResponse response =
        HttpResponses.response(request, status, JSON_TYPE, json(Map.of("error", reason)));
    if (retryAfterSeconds > 0) {
      // RFC 9110 §10.2.3: when a refused client may try again
      response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
    }
    if (status.equals(HttpResponseStatus.UPGRADE_REQUIRED)) {
      // RFC 6455 §4.4: tell the client which version to retry with
      response
          .headers()
          .set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, UpgradeRequestCheck.SUPPORTED_VERSION);
    }
    HttpResponses.send(ctx, request, response, false);
  }

  /** The public port serves only the seed's echo endpoint besides WebSocket upgrades. */
  private void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (!HttpResponses.requireGet(ctx, request)) {
      return;
    }
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    if (!uri.path().equals(ECHO_PATH)) {
      HttpResponses.notFound(ctx, request);
      return;
    }
    List<String> msg = uri.parameters().get("msg");
    Map<String, String> body = new LinkedHashMap<>();
    body.put("message", msg == null || msg.isEmpty() ? "" : msg.get(0));
    body.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    respond(ctx, request, HttpResponseStatus.OK, JSON_TYPE, json(body), true);
  }
}
