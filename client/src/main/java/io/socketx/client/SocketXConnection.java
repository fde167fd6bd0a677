package io.socketx.client;

import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolError;
import io.socketx.protocol.ProtocolException;
import io.socketx.protocol.Suite;
import io.socketx.protocol.v2.ClientSession;
import io.socketx.protocol.v2.CloseNotice;
import io.socketx.protocol.v2.Event;
import io.socketx.protocol.v2.Fingerprint;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One open SocketX session over a JDK WebSocket: send text or binary messages, receive them through
 * a {@link SocketXListener}, close cleanly with an authenticated CLOSE. A session that ends without
 * the proxy's authenticated CLOSE is reported as truncated, never as a normal close. Thread-safe.
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
  private volatile CloseNotice closeNotice;
  private volatile boolean closeSent;

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

  /** The fingerprint of the identity key the proxy proved it holds. */
  public Fingerprint proxyIdentity() {
    return session.proxyIdentity();
  }

  /**
   * How the session ended, once it did: the authenticated CLOSE (origin, code and reason; an
   * upstream's own close code has origin {@code UPSTREAM}), or null while open or when it ended
   * without one.
   */
  public CloseNotice closeNotice() {
    return closeNotice;
  }

  /** Whether the session is open and the WebSocket not closed. */
  public boolean isOpen() {
    return opened.isDone() && !opened.isCompletedExceptionally() && !closed.isDone();
  }

  /** Completes with the close code once the connection has closed, whoever closed it. */
  public CompletableFuture<Integer> closeFuture() {
    return closed;
  }

  /**
   * Starts a clean close: an authenticated CLOSE record with this code and reason, then the
   * WebSocket close frame; completes when both were sent.
   */
  public CompletableFuture<Void> close(int code, String reason) {
    stopPinging();
    synchronized (sendLock) {
      ByteBuffer record = null;
      CloseNotice notice = new CloseNotice(CloseNotice.Origin.SOCKETX, code, reason);
      if (!closeSent && session.eeid() != null) {
        try {
          record = session.close(notice);
        } catch (ProtocolException | IllegalStateException e) {
          // no keys or sequence numbers left: the close frame still ends the connection
        }
      }
      closeSent = true;
      ByteBuffer closeRecord = record;
      CompletableFuture<Void> sent =
          sendChain
              .exceptionally(e -> null)
              .thenCompose(
                  v ->
                      closeRecord == null
                          ? CompletableFuture.completedFuture(webSocket)
                          : webSocket.sendBinary(closeRecord, true))
              .thenCompose(ws -> webSocket.sendClose(notice.transportCode(), reason))
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
      List<ByteBuffer> records;
      try {
        // a KEY_UPDATE record comes first when the current key reached its limit
        records = session.encode(type, data);
      } catch (ProtocolException e) {
        return CompletableFuture.failedFuture(
            new ProtocolViolationException(e.error(), e.getMessage(), e));
      } catch (IllegalStateException e) {
        return CompletableFuture.failedFuture(e);
      }
      CompletableFuture<Void> last = null;
      for (ByteBuffer record : records) {
        last = sendRecordLocked(record);
      }
      return last;
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

  /** Sends CLIENT_HELLO through the send chain, like every later record. */
  void sendHello() {
    ByteBuffer hello;
    synchronized (sendLock) {
      hello = session.start();
    }
    sendRecord(hello);
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
    // the authenticated CLOSE (when there are keys), then the close frame with the error's code
    close(error.closeCode(), error.reason());
    if (!opened.completeExceptionally(e)) {
      listener.onError(this, e);
    }
  }

  private void handle(ByteBuffer record) {
    Event event;
    try {
      synchronized (sendLock) {
        event = session.receive(record);
      }
    } catch (ProtocolException e) {
      violation(e.error(), describe(e), e);
      return;
    }
    if (event instanceof Event.Established established) {
      // the proxy proved a pinned identity: only now does the pathname leave, encrypted
      sendRecord(established.clientFinished())
          .exceptionally(
              e -> {
                failHandshake(new SocketXException("sending a handshake record failed: " + e, e));
                return null;
              });
    } else if (event instanceof Event.UpstreamConnected) {
      if (opened.complete(this)) {
        startPinging();
      }
    } else if (event instanceof Event.Data data) {
      if (data.type() == MessageType.TEXT) {
        listener.onText(this, StandardCharsets.UTF_8.decode(data.payload()).toString());
      } else {
        listener.onBinary(this, data.payload());
      }
    } else if (event instanceof Event.Closed closed) {
      closeNotice = closed.notice();
    }
    // KeyUpdated and Withheld need nothing here
  }

  private static String describe(ProtocolException e) {
    if (e.error() == ProtocolError.PIN_MISMATCH) {
      return "proxy identity mismatch: " + e.getMessage();
    }
    return "proxy broke the protocol (" + e.error() + "): " + e.getMessage();
  }

  /**
   * The WebSocket closed: with the proxy's authenticated CLOSE (or after our own) that is the
   * session's end; without it the session was cut short, which an attacker could have done.
   */
  private void ended(int statusCode, String reason) {
    stopPinging();
    CloseNotice notice;
    ProtocolException cut = null;
    synchronized (sendLock) {
      try {
        notice = session.endOfStream();
      } catch (ProtocolException e) {
        notice = null;
        cut = e;
      }
    }
    if (notice != null) {
      closeNotice = notice;
      if (!opened.completeExceptionally(
          new ConnectionClosedException(notice.code(), notice.reason()))) {
        listener.onClose(this, notice.code(), notice.reason());
      }
      closed.complete(notice.code());
    } else if (closeSent) {
      // we ended the session; the proxy only answered our close frame
      if (!opened.completeExceptionally(new ConnectionClosedException(statusCode, reason))) {
        listener.onClose(this, statusCode, reason);
      }
      closed.complete(statusCode);
    } else if (opened.completeExceptionally(new ConnectionClosedException(statusCode, reason))) {
      // refused before the session opened (e.g. suite below the minimum, before any keys)
      closed.complete(statusCode);
    } else {
      ProtocolError error = cut.error();
      ProtocolViolationException e =
          new ProtocolViolationException(
              error,
              "session "
                  + (error == ProtocolError.TRUNCATED ? "truncated" : "broken")
                  + ": "
                  + cut.getMessage()
                  + " (WebSocket close "
                  + statusCode
                  + (reason.isEmpty() ? "" : " " + reason)
                  + ")",
              cut);
      listener.onError(this, e);
      listener.onClose(this, error.closeCode(), error.reason());
      closed.complete(error.closeCode());
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
      ended(statusCode, reason);
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
