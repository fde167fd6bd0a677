package io.socketx.proxy.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.socketx.contract.domainmap.HostAndPort;
import io.socketx.contract.domainmap.Route;
import io.socketx.proxy.ProxyContext;
import io.socketx.proxy.relay.Connection;
import java.nio.charset.StandardCharsets;
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
 * The HTTP phase: serves the plain endpoints and admits a WebSocket upgrade only when it is a
 * well-formed RFC 6455 request (400 or 426 otherwise) for a known route and an allowed origin (404
 * and 403 otherwise), passing it on to the WebSocket handshake.
 */
public final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  public static final String ECHO_PATH = "/api/socketx-echo";
  private static final Logger LOG = LoggerFactory.getLogger(HttpRequestHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

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
        respond(
            ctx,
            request,
            HttpResponseStatus.BAD_REQUEST,
            "application/json",
            json(Map.of("error", "malformed request")),
            false);
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

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      // an idle keep-alive HTTP connection (no WebSocket yet) is not kept forever
      ctx.close();
      return;
    }
    ctx.fireUserEventTriggered(evt);
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
    connection.routed(route.get(), host, origin);
    return true;
  }

  private void reject(
      ChannelHandlerContext ctx,
      FullHttpRequest request,
      HttpResponseStatus status,
      String reason,
      String host,
      String origin) {
    context.metrics().upgradeRejected(reason);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("event_type", "upgrade_rejected");
    fields.put("reason", reason);
    fields.put("status", status.code());
    fields.put("host", host == null ? "" : host);
    fields.put("origin", origin == null ? "" : origin);
    fields.put("remote_addr", String.valueOf(ctx.channel().remoteAddress()));
    LOG.info("Rejected WebSocket upgrade: {}", reason, Markers.appendEntries(fields));
    FullHttpResponse response =
        response(request, status, "application/json", json(Map.of("error", reason)));
    if (status.equals(HttpResponseStatus.UPGRADE_REQUIRED)) {
      // RFC 6455 §4.4: tell the client which version to retry with
      response
          .headers()
          .set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, UpgradeRequestCheck.SUPPORTED_VERSION);
    }
    send(ctx, request, response, false);
  }

  private void serve(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception {
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    boolean get =
        request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD);
    String path = uri.path();
    if (!get) {
      respond(
          ctx,
          request,
          HttpResponseStatus.METHOD_NOT_ALLOWED,
          "application/json",
          json(Map.of("error", "method not allowed")),
          true);
      return;
    }
    switch (path) {
      case ECHO_PATH -> {
        List<String> msg = uri.parameters().get("msg");
        Map<String, String> body = new LinkedHashMap<>();
        body.put("message", msg == null || msg.isEmpty() ? "" : msg.get(0));
        body.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        respond(ctx, request, HttpResponseStatus.OK, "application/json", json(body), true);
      }
      case "/healthz" ->
          respond(
              ctx,
              request,
              HttpResponseStatus.OK,
              "application/json",
              json(Map.of("status", "ok")),
              true);
      case "/readyz" -> {
        boolean listening = context.ready().get();
        boolean synced = context.reloader().synced();
        boolean ready = listening && synced;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "ready" : listening ? "waiting for routes" : "not ready");
        context
            .reloader()
            .current()
            .ifPresent(
                loaded -> {
                  body.put("configHash", loaded.configHash());
                  body.put("routeSource", loaded.source());
                  body.put("routes", loaded.routes());
                  body.put("lastReload", loaded.loadedAt().toString());
                });
        respond(
            ctx,
            request,
            ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
            "application/json",
            json(body),
            true);
      }
      case "/metrics" ->
          respond(
              ctx,
              request,
              HttpResponseStatus.OK,
              PROMETHEUS_TYPE,
              context.metrics().scrape().getBytes(StandardCharsets.UTF_8),
              true);
      default ->
          respond(
              ctx,
              request,
              HttpResponseStatus.NOT_FOUND,
              "application/json",
              json(Map.of("error", "not found")),
              true);
    }
  }

  private static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void respond(
      ChannelHandlerContext ctx,
      FullHttpRequest request,
      HttpResponseStatus status,
      String contentType,
      byte[] body,
      boolean allowKeepAlive) {
    send(ctx, request, response(request, status, contentType, body), allowKeepAlive);
  }

  private static FullHttpResponse response(
      FullHttpRequest request, HttpResponseStatus status, String contentType, byte[] body) {
    boolean head = request.method().equals(HttpMethod.HEAD);
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            status,
            head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    HttpUtil.setContentLength(response, body.length);
    return response;
  }

  private static void send(
      ChannelHandlerContext ctx,
      FullHttpRequest request,
      FullHttpResponse response,
      boolean allowKeepAlive) {
    boolean keepAlive = allowKeepAlive && HttpUtil.isKeepAlive(request);
    HttpUtil.setKeepAlive(response, keepAlive);
    var future = ctx.writeAndFlush(response);
    if (!keepAlive) {
      future.addListener(ChannelFutureListener.CLOSE);
    }
  }
}
