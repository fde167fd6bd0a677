package io.socketx.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The browser echo-chat page of {@code clients/js/demo/} with the package's browser build, served
 * on 127.0.0.1 together with {@code config.json} (the proxy URL and the pin the page connects
 * with).
 */
final class DemoPage implements AutoCloseable {
  /** A file the page serves, relative to the repository root, and its media type. */
  private record PageFile(String path, String type) {}

  private static final Map<String, PageFile> FILES =
      Map.of(
          "/", new PageFile("clients/js/demo/index.html", "text/html; charset=utf-8"),
          "/app.js", new PageFile("clients/js/demo/app.js", "text/javascript; charset=utf-8"),
          "/socketx.min.js",
              new PageFile("clients/js/dist/socketx.min.js", "text/javascript; charset=utf-8"));

  private final HttpServer server;

  private DemoPage(HttpServer server) {
    this.server = server;
  }

  /**
   * Serves the page on 127.0.0.1:{@code port} ({@code 0}: a free port); {@code proxyUrl} and {@code
   * pin} go to the page in {@code config.json}.
   */
  static DemoPage start(Path root, int port, URI proxyUrl, String pin) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    DemoPage page = new DemoPage(server);
    byte[] config =
        new ObjectMapper()
            .writeValueAsBytes(
                Map.of("url", proxyUrl.toString(), "pin", pin, "allowedOrigin", page.origin()));
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/config.json")) {
              send(exchange, 200, "application/json", config);
              return;
            }
            PageFile file = FILES.get(path);
            Path source = file == null ? null : root.resolve(file.path());
            if (source == null || !Files.isRegularFile(source)) {
              String why =
                  file == null
                      ? "not found\n"
                      : source + " is missing: build clients/js (mvn -B -q -DskipTests package)\n";
              send(exchange, 404, "text/plain", why.getBytes(StandardCharsets.UTF_8));
              return;
            }
            send(exchange, 200, file.type(), Files.readAllBytes(source));
          }
        });
    server.start();
    return page;
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  /**
   * The origin the page is opened from and the page route admits. {@code localhost} rather than
   * 127.0.0.1: the same page opened as http://127.0.0.1:PORT/ is an origin the route refuses.
   */
  String origin() {
    return "http://localhost:" + port();
  }

  URI url() {
    return URI.create(origin() + "/");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
