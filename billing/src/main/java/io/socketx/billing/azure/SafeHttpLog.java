package io.socketx.billing.azure;

import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpRequestLogger;
import com.azure.core.http.policy.HttpRequestLoggingContext;
import com.azure.core.http.policy.HttpResponseLogger;
import com.azure.core.http.policy.HttpResponseLoggingContext;
import com.azure.core.util.logging.ClientLogger;
import com.azure.core.util.logging.LogLevel;
import java.net.URL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Request and response loggers for azure-core's {@code HttpLoggingPolicy}: debug lines on this
 * class's logger with method, host, path, status, duration and attempt only — never a body, a
 * header (tokens) or a query string.
 */
final class SafeHttpLog implements HttpRequestLogger, HttpResponseLogger {
  // Our own logger rather than the policy's: its per-call logger has no name to configure.
  private static final Logger LOG = LoggerFactory.getLogger(SafeHttpLog.class);

  @Override
  public LogLevel getLogLevel(HttpRequestLoggingContext context) {
    return LogLevel.VERBOSE;
  }

  @Override
  public LogLevel getLogLevel(HttpResponseLoggingContext context) {
    return LogLevel.VERBOSE;
  }

  @Override
  public Mono<Void> logRequest(ClientLogger logger, HttpRequestLoggingContext context) {
    return Mono.fromRunnable(() -> logRequestSync(logger, context));
  }

  @Override
  public void logRequestSync(ClientLogger logger, HttpRequestLoggingContext context) {
    if (!LOG.isDebugEnabled()) {
      return;
    }
    HttpRequest request = context.getHttpRequest();
    LOG.debug(
        "--> {} {} (attempt {})",
        request.getHttpMethod(),
        withoutQuery(request.getUrl()),
        context.getTryCount());
  }

  @Override
  public Mono<HttpResponse> logResponse(ClientLogger logger, HttpResponseLoggingContext context) {
    return Mono.fromCallable(() -> logResponseSync(logger, context));
  }

  @Override
  public HttpResponse logResponseSync(ClientLogger logger, HttpResponseLoggingContext context) {
    HttpResponse response = context.getHttpResponse();
    if (!LOG.isDebugEnabled()) {
      return response;
    }
    LOG.debug(
        "<-- {} {} {} ({} ms)",
        response.getStatusCode(),
        response.getRequest().getHttpMethod(),
        withoutQuery(response.getRequest().getUrl()),
        context.getResponseDuration().toMillis());
    return response;
  }

  private static String withoutQuery(URL url) {
    // Host and port only: an authority may carry user info.
    return url.getProtocol()
        + "://"
        + url.getHost()
        + (url.getPort() < 0 ? "" : ":" + url.getPort())
        + url.getPath();
  }
}
