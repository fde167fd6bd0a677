package io.socketx.e2e.support;

import io.socketx.client.ClientOptions;
import io.socketx.client.SocketXClient;
import io.socketx.client.SocketXConnection;
import io.socketx.client.SocketXListener;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One SocketX client connection through a proxy, sending to a given Host, with its replies. */
public final class ProxyClient implements AutoCloseable {
  static {
    // java.net.http refuses a Host header unless told otherwise.
    System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
  }

  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final SocketXConnection connection;

  private ProxyClient(int port, String host) throws Exception {
    ClientOptions options =
        ClientOptions.builder()
            .header("Host", host)
            .origin("https://e2e.example")
            .handshakeTimeout(Duration.ofSeconds(60))
            .pin(TestIdentity.pin())
            .build();
    connection =
        SocketXClient.connect(
            URI.create("ws://127.0.0.1:" + port + "/"),
            options,
            new SocketXListener() {
              @Override
              public void onText(SocketXConnection c, String text) {
                replies.add(text);
              }

              @Override
              public void onClose(SocketXConnection c, int code, String reason) {
                closeCode.complete(code);
              }
            });
  }

  /** Connects through the proxy on {@code port} with {@code Host: host}. */
  public static ProxyClient connect(int port, String host) throws Exception {
    return new ProxyClient(port, host);
  }

  /** Sends {@code text} and returns the reply, e.g. "A:text" from upstream A. */
  public String ask(String text) throws Exception {
    connection.sendText(text).get(60, TimeUnit.SECONDS);
    String reply = replies.poll(60, TimeUnit.SECONDS);
    if (reply == null) {
      throw new AssertionError("no reply to '" + text + "' within 10 s");
    }
    return reply;
  }

  /** Completes with the WebSocket close code when the proxy closes the connection. */
  public CompletableFuture<Integer> closeCode() {
    return closeCode;
  }

  @Override
  public void close() {
    connection.close();
  }

  /** Opens a connection, asks once, closes; the reply tells which upstream served it. */
  public static String askOnce(int port, String host, String text) throws Exception {
    try (ProxyClient c = connect(port, host)) {
      return c.ask(text);
    }
  }
}
