package io.socketx.client;

import io.socketx.protocol.Entropy;
import io.socketx.protocol.v2.ClientSession;
import io.socketx.protocol.v2.ClientSettings;
import io.socketx.protocol.v2.Pins;
import io.socketx.protocol.v2.Wire;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Opens SocketX (protocol v2) connections to a proxy with the JDK's WebSocket client. One instance
 * shares one {@link HttpClient} across its connections.
 */
public final class SocketXClient {
  static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "socketx-client-timer");
            t.setDaemon(true);
            return t;
          });

  private final ClientOptions options;
  private final HttpClient http;

  public SocketXClient(ClientOptions options) {
    this.options = options;
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(options.connectTimeout());
    if (options.sslContext() != null) {
      builder.sslContext(options.sslContext());
    }
    this.http = builder.build();
  }

  /** Connects and completes the handshake, waiting up to the handshake timeout. */
  public static SocketXConnection connect(URI uri, ClientOptions options, SocketXListener listener)
      throws SocketXException, InterruptedException {
    return new SocketXClient(options).connect(uri, listener);
  }

  /** Connects and completes the handshake, waiting up to the handshake timeout. */
  public SocketXConnection connect(URI uri, SocketXListener listener)
      throws SocketXException, InterruptedException {
    try {
      return connectAsync(uri, listener).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SocketXException s) {
        throw s;
      }
      throw new SocketXException("connection failed: " + e.getCause(), e.getCause());
    }
  }

  /**
   * Connects asynchronously. The future completes once the proxy has connected the upstream, or
   * fails with a {@link SocketXException}: {@link UpgradeRejectedException} for an HTTP status,
   * {@link ConnectionClosedException} when the proxy closed, {@link ProtocolViolationException}.
   */
  public CompletableFuture<SocketXConnection> connectAsync(URI uri, SocketXListener listener) {
    String scheme = uri.getScheme();
    if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
      return CompletableFuture.failedFuture(
          new SocketXException("URL must start with ws:// or wss:// but was " + uri));
    }
    String pathname =
        uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      pathname += "?" + uri.getRawQuery();
    }
    Pins pins;
    try {
      pins = pins(uri);
    } catch (SocketXException e) {
      return CompletableFuture.failedFuture(e);
    }
    ClientSession session;
    try {
      session =
          new ClientSession(
              new ClientSettings(
                  options.suite(),
                  pathname,
                  pins,
                  options.decoderWindowSize(),
                  options.keyLimits()),
              Entropy.secure());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(
          new SocketXException("invalid URL path: " + e.getMessage()));
    }
    SocketXConnection connection = new SocketXConnection(session, listener, options);
    WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(options.connectTimeout());
    if (options.origin() != null) {
      builder.header("Origin", options.origin());
    }
    options.headers().forEach(builder::header);
    if (options.offerSubprotocol()) {
      builder.subprotocols(Wire.SUBPROTOCOL);
    }
    builder
        .buildAsync(upgradeUri(uri), connection.webSocketListener())
        .whenComplete(
            (ws, error) -> {
              if (error != null) {
                connection.failHandshake(translate(uri, error));
              } else {
                connection.sendHello();
              }
            });
    TIMER.schedule(
        () ->
            connection.failHandshake(
                new SocketXException(
                    "handshake did not complete within " + options.handshakeTimeout())),
        options.handshakeTimeout().toMillis(),
        TimeUnit.MILLISECONDS);
    return connection.opened();
  }

  /**
   * The proxy identities to accept: the pins; without pins any identity, but on {@code ws://} only
   * when the caller explicitly allowed it (nothing else would stop a man-in-the-middle).
   */
  private Pins pins(URI uri) throws SocketXException {
    if (!options.pins().isEmpty()) {
      try {
        return Pins.of(options.pins());
      } catch (IllegalArgumentException e) {
        throw new SocketXException("invalid pins: " + e.getMessage(), e);
      }
    }
    if ("ws".equalsIgnoreCase(uri.getScheme()) && !options.allowUnpinnedProxy()) {
      throw new SocketXException(
          "refusing ws:// without a pinned proxy identity: anyone on the path could read and"
              + " change the session. Pin the proxy's fingerprint (--pin sha256:…, as"
              + " 'socketx-proxy keygen' prints it; ClientOptions.Builder.pin) or accept any"
              + " proxy explicitly (--insecure; ClientOptions.Builder.allowUnpinnedProxy)");
    }
    return Pins.anyIdentity();
  }

  /**
   * The URL of the WebSocket upgrade: the proxy's origin with path {@code /}. The path and query
   * travel encrypted inside the protocol (docs/protocol.md section 1), never in the clear.
   */
  static URI upgradeUri(URI uri) {
    return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + "/");
  }

  private static SocketXException translate(URI uri, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof WebSocketHandshakeException h) {
      int status = h.getResponse().statusCode();
      return new UpgradeRejectedException(
          status, "proxy rejected the WebSocket upgrade with HTTP " + status);
    }
    if (cause instanceof ConnectException) {
      return new SocketXException(
          "cannot connect to " + uri.getHost() + ":" + port(uri) + ": connection refused", cause);
    }
    if (cause instanceof HttpTimeoutException) {
      return new SocketXException("timed out connecting to " + uri.getHost(), cause);
    }
    if (cause instanceof IllegalArgumentException) {
      return new SocketXException("invalid request: " + cause.getMessage(), cause);
    }
    String message =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new SocketXException("connection to " + uri.getHost() + " failed: " + message, cause);
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }
}
