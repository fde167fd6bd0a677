package io.socketx.client;

import io.socketx.protocol.ClientEvent;
import io.socketx.protocol.ClientSession;
import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.Suite;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One open SocketX session over a JDK WebSocket: send text or binary messages, receive them through
 * a {@link SocketXListener}, close cleanly. Thread-safe.
 */
public final class SocketXConnection implements AutoCloseable {
  /** Largest message the client reassembles from WebSocket fragments. */
  static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  private final ClientSession session;
  private final SocketXListener listener;
  private final ClientOptions options;
  private final CompletableFuture<SocketXConnection> opened = new CompletableFuture<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final Object sendLock = new Object();
  private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);
  private volatile WebSocket webSocket;
  private volatile ScheduledFuture<?> pinger;

  SocketXConnection(ClientSession session, SocketXListener listener, ClientOptions options) {
    this.session = session;
    this.listener = listener;
    this.options = options;
  }

  CompletableFuture<SocketXConnection> opened() {
    return opened;
  }

  WebSocket.Listener webSocketListener() {
    return new Receiver();
  }

  /** Sends one text message; completes when the WebSocket has written it. */
  public CompletableFuture<Void> sendText(CharSequence text) {
    return sendData(MessageType.TEXT, StandardCharsets.UTF_8.encode(text.toString()));
  }

  /** Sends one binary message; completes when the WebSocket has written it. */
  public CompletableFuture<Void> sendBinary(ByteBuffer data) {
    return sendData(MessageType.BINARY, data);
  }

  /** The session id the proxy assigned. */
  public String eeid() {
    return session.eeid();
  }

  /** The key-exchange suite in use. */
  public Suite suite() {
    return session.suite();
  }

  /** Whether the session is open and the WebSocket not closed. */
  public boolean isOpen() {
    return opened.isDone() && !opened.isCompletedExceptionally() && !closed.isDone();
  }

  /** Completes with the close code once the connection has closed, whoever closed it. */
  public CompletableFuture<Integer> closeFuture() {
    return closed;
  }

  /** Starts a clean close with this code and reason; completes when the close was sent. */
  public CompletableFuture<Void> close(int code, String reason) {
    stopPinging();
    synchronized (sendLock) {
      CompletableFuture<Void> sent =
          sendChain
              .exceptionally(e -> null)
              .thenCompose(v -> webSocket.sendClose(code, reason))
              .thenApply(ws -> null);
      sendChain = sent;
      return sent;
    }
  }

  /** Closes with 1000 and waits up to five seconds for the server's close; then aborts. */
  @Override
  public void close() {
    if (closed.isDone() || webSocket == null) {
      return;
    }
    try {
      close(1000, "").get(5, TimeUnit.SECONDS);
      closed.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      webSocket.abort();
    } catch (Exception e) {
      webSocket.abort();
      closed.complete(1006);
    }
  }

  private CompletableFuture<Void> sendData(MessageType type, ByteBuffer data) {
    if (!isOpen()) {
      return CompletableFuture.failedFuture(new IllegalStateException("connection is not open"));
    }
    synchronized (sendLock) {
      ByteBuffer record;
      try {
        record = session.encode(type, data);
      } catch (ProtocolException e) {
        return CompletableFuture.failedFuture(
            new ProtocolViolationException(e.error(), e.getMessage(), e));
      }
      return sendRecordLocked(record);
    }
  }

  private CompletableFuture<Void> sendRecord(ByteBuffer record) {
    synchronized (sendLock) {
      return sendRecordLocked(record);
    }
  }

  private CompletableFuture<Void> sendRecordLocked(ByteBuffer record) {
    // one send at a time: java.net.http rejects a send while the previous one is pending
    CompletableFuture<Void> sent =
        sendChain
            .exceptionally(e -> null)
            .thenCompose(v -> webSocket.sendBinary(record, true))
            .thenApply(ws -> null);
    sendChain = sent;
    return sent;
  }

  /** Sends REQUEST through the send chain, like every later record. */
  void sendHello() {
    sendRecord(session.start());
  }

  void failHandshake(SocketXException error) {
    if (opened.completeExceptionally(error) && webSocket != null) {
      webSocket.abort();
      closed.complete(1006);
    }
  }

  private void startPinging() {
    Duration interval = options.pingInterval();
    if (!interval.isZero()) {
      pinger =
          SocketXClient.TIMER.scheduleAtFixedRate(
              () -> {
                synchronized (sendLock) {
                  sendChain =
                      sendChain
                          .exceptionally(e -> null)
                          .thenCompose(v -> webSocket.sendPing(ByteBuffer.allocate(0)));
                }
              },
              interval.toMillis(),
              interval.toMillis(),
              TimeUnit.MILLISECONDS);
    }
  }

  private void stopPinging() {
    ScheduledFuture<?> p = pinger;
    if (p != null) {
      p.cancel(false);
    }
  }

  private void violation(ProtocolError error, String message, ProtocolException cause) {
    ProtocolViolationException e = new ProtocolViolationException(error, message, cause);
    stopPinging();
    webSocket.sendClose(error.closeCode(), error.reason());
    if (!opened.completeExceptionally(e)) {
      listener.onError(this, e);
    }
  }

  private void handle(ByteBuffer record) {
    ClientEvent event;
    try {
      event = session.receive(record);
    } catch (ProtocolException e) {
      violation(e.error(), "server broke the protocol: " + e.getMessage(), e);
      return;
    }
    if (event instanceof ClientEvent.Reply reply) {
      sendRecord(reply.record())
          .exceptionally(
              e -> {
                failHandshake(new SocketXException("sending a handshake record failed: " + e, e));
                return null;
              });
    } else if (event instanceof ClientEvent.Opened) {
      if (opened.complete(this)) {
        startPinging();
      }
    } else if (event instanceof ClientEvent.Data data) {
      if (data.type() == MessageType.TEXT) {
        listener.onText(this, StandardCharsets.UTF_8.decode(data.payload()).toString());
      } else {
        listener.onBinary(this, data.payload());
      }
    }
  }

  /** Adapts the JDK WebSocket callbacks to the session: reassembles, decodes, dispatches. */
  private final class Receiver implements WebSocket.Listener {
    private ByteBuffer partial;

    @Override
    public void onOpen(WebSocket ws) {
      webSocket = ws;
      ws.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      if (partial == null && last) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
        handle(copy);
      } else {
        if (partial == null) {
          partial = ByteBuffer.allocate(Math.max(1024, data.remaining() * 2));
        }
        if ((long) partial.position() + data.remaining() > MAX_MESSAGE_BYTES) {
          violation(ProtocolError.MESSAGE_TOO_LARGE, "server message exceeds the limit", null);
          return null;
        }
        if (partial.remaining() < data.remaining()) {
          int size = Math.max(partial.capacity() * 2, partial.position() + data.remaining());
          partial = ByteBuffer.allocate(size).put(partial.flip());
        }
        partial.put(data);
        if (last) {
          ByteBuffer whole = partial.flip();
          partial = null;
          handle(whole);
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      violation(ProtocolError.TEXT_FRAME, "server sent a text frame", null);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      stopPinging();
      if (!opened.completeExceptionally(new ConnectionClosedException(statusCode, reason))) {
        listener.onClose(SocketXConnection.this, statusCode, reason);
      }
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      stopPinging();
      SocketXException e = new SocketXException("connection failed: " + error.getMessage(), error);
      if (!opened.completeExceptionally(e)) {
        listener.onError(SocketXConnection.this, e);
      }
      closed.complete(1006);
    }
  }
}
