package io.socketx.billing.fakes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A JDK HTTP(S) server on 127.0.0.1 for fakes; {@link #close()} also frees requests held by {@link
 * #hang()}.
 */
public abstract class LoopbackServer implements AutoCloseable {
  protected static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CountDownLatch closing = new CountDownLatch(1);

  /** Plain HTTP on {@code port} (0: any free port). */
  protected LoopbackServer(int port) {
    this(port, false);
  }

  /** HTTPS with the {@link LoopbackTls} certificate when {@code tls}, else plain HTTP. */
  protected LoopbackServer(int port, boolean tls) {
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    try {
      if (tls) {
        HttpsServer https = HttpsServer.create(address, 16);
        https.setHttpsConfigurator(new HttpsConfigurator(LoopbackTls.server()));
        server = https;
      } else {
        server = HttpServer.create(address, 16);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            handle(exchange);
          } catch (RuntimeException e) {
            send(exchange, 500, "{\"message\":\"fake failed: " + e + "\"}");
          }
        });
    server.start();
  }

  /** Handles one request. */
  protected abstract void handle(HttpExchange exchange) throws IOException;

  /** Base URL, e.g. {@code https://127.0.0.1:41234}. */
  public URI uri() {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Holds the request without answering until the server closes: whatever the machine's speed, the
   * client's only possible outcome is its own timeout.
   */
  protected void hang() {
    try {
      closing.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  protected static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  protected static void send(HttpExchange exchange, int status, Object body) throws IOException {
    send(exchange, status, JSON.writeValueAsString(body));
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  /** Handler adapter for subclasses that want to register more contexts. */
  protected HttpHandler handler() {
    return this::handle;
  }
}
