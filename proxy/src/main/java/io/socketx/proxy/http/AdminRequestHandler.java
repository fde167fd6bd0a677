package io.socketx.proxy.http;

import static io.socketx.proxy.http.HttpResponses.JSON_TYPE;
import static io.socketx.proxy.http.HttpResponses.json;
import static io.socketx.proxy.http.HttpResponses.respond;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.socketx.proxy.ProxyContext;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The admin listener ({@code ADMIN_HOST}:{@code ADMIN_PORT}): {@code /healthz}, {@code /readyz} and
 * {@code /metrics}, kept off the public port so that only the cluster (probes, Prometheus) reaches
 * them.
 */
public final class AdminRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final ProxyContext context;

  public AdminRequestHandler(ProxyContext context) {
    this.context = context;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (request.decoderResult().isFailure()) {
      HttpResponses.malformed(ctx, request);
      return;
    }
    if (!HttpResponses.requireGet(ctx, request)) {
      return;
    }
    switch (new QueryStringDecoder(request.uri()).path()) {
      case "/healthz" ->
          respond(
              ctx, request, HttpResponseStatus.OK, JSON_TYPE, json(Map.of("status", "ok")), true);
      case "/readyz" -> ready(ctx, request);
      case "/metrics" ->
          respond(
              ctx,
              request,
              HttpResponseStatus.OK,
              PROMETHEUS_TYPE,
              context.metrics().scrape().getBytes(StandardCharsets.UTF_8),
              true);
      default -> HttpResponses.notFound(ctx, request);
    }
  }

  private void ready(ChannelHandlerContext ctx, FullHttpRequest request) {
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
        JSON_TYPE,
        json(body),
        true);
  }
}
