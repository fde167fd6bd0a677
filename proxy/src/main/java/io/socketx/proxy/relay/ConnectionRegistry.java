package io.socketx.proxy.relay;

import java.util.List;
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

  /** A snapshot of every open connection with its route and origin. */
  public List<ConnectionInfo> snapshot() {
    return open.values().stream().map(Connection::info).toList();
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
