package io.socketx.proxy.relay;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** The proxy's open WebSocket connections, enumerable from any thread. */
public final class ConnectionRegistry {
  private final Map<String, Connection> open = new ConcurrentHashMap<>();

  void add(Connection connection) {
    open.put(connection.id(), connection);
  }

  void remove(Connection connection) {
    open.remove(connection.id());
  }

  public int size() {
    return open.size();
  }

  /**
   * Bytes the proxy holds written but unsent toward clients, over every open connection: memory a
   * slow or stalled client keeps (metric {@code socketx_pending_bytes{leg="client"}}).
   */
  public long pendingToClientBytes() {
    return open.values().stream().mapToLong(Connection::pendingToClientBytes).sum();
  }

  /** Bytes the proxy holds written but unsent toward upstreams, over every open connection. */
  public long pendingToUpstreamBytes() {
    return open.values().stream().mapToLong(Connection::pendingToUpstreamBytes).sum();
  }

  /**
   * Closes the connections whose info matches with {@code code} and {@code reason} on both legs;
   * returns how many were asked to close.
   */
  public int close(Predicate<ConnectionInfo> which, int code, String reason) {
    int n = 0;
    for (Connection c : open.values()) {
      if (which.test(c.info())) {
        c.closeByProxy(code, reason);
        n++;
      }
    }
    return n;
  }
}
