package io.socketx.proxy.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/** Writes the small HTTP responses of the public and the admin listener. */
final class HttpResponses {
  static final String JSON_TYPE = "application/json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpResponses() {}

  static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends a response; the connection stays open only if allowed and the client asked for it. */
  static void respond(
      ChannelHandlerContext ctx,
      FullHttpRequest request,
      HttpResponseStatus status,
      String contentType,
      byte[] body,
      boolean allowKeepAlive) {
    send(ctx, request, response(request, status, contentType, body), allowKeepAlive);
  }

  static FullHttpResponse response(
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

  static void send(
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

  /** 400 for a request the codec could not parse, then close. */
  static void malformed(ChannelHandlerContext ctx, FullHttpRequest request) {
    respond(
        ctx,
        request,
        HttpResponseStatus.BAD_REQUEST,
        JSON_TYPE,
        json(java.util.Map.of("error", "malformed request")),
        false);
  }

  /** 405 for anything but GET and HEAD; whether the request was one of those. */
  static boolean requireGet(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD)) {
      return true;
    }
    respond(
        ctx,
        request,
        HttpResponseStatus.METHOD_NOT_ALLOWED,
        JSON_TYPE,
        json(java.util.Map.of("error", "method not allowed")),
        true);
    return false;
  }

  static void notFound(ChannelHandlerContext ctx, FullHttpRequest request) {
    respond(
        ctx,
        request,
        HttpResponseStatus.NOT_FOUND,
        JSON_TYPE,
        json(java.util.Map.of("error", "not found")),
        true);
  }
}
