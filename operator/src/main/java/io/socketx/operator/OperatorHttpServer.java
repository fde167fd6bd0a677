package io.socketx.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Serves the operator's own probes and metrics: {@code /healthz} (liveness: informers healthy),
 * {@code /readyz} (started) and {@code /metrics} (Prometheus text format).
 */
public final class OperatorHttpServer implements AutoCloseable {
  private final HttpServer server;

  public OperatorHttpServer(
      String host, int port, Supplier<RuntimeInfo> runtime, PrometheusMeterRegistry registry)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.setExecutor(
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "operator-http");
              t.setDaemon(true);
              return t;
            }));
    server.createContext(
        "/healthz",
        exchange -> {
          RuntimeInfo info = runtime.get();
          boolean healthy = info == null || !info.isStarted() || info.allEventSourcesAreHealthy();
          respond(exchange, healthy ? 200 : 503, healthy ? "ok" : "event sources unhealthy");
        });
    server.createContext(
        "/readyz",
        exchange -> {
          RuntimeInfo info = runtime.get();
          boolean ready = info != null && info.isStarted();
          respond(exchange, ready ? 200 : 503, ready ? "ok" : "starting");
        });
    server.createContext(
        "/metrics",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
          respond(exchange, 200, registry.scrape());
        });
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
