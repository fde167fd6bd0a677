package io.socketx.contract.domainmap;

import java.net.URI;

/**
 * One entry of the route table: the key it was configured under, the upstream WebSocket URL and the
 * origins allowed to use it.
 */
public record Route(String key, URI upstream, OriginPolicy origins) {

  /**
   * The upstream URL for a client pathname such as {@code /chat?room=1}, appended to the path of
   * the configured upstream.
   */
  public URI upstreamFor(String pathname) {
    String base = upstream.toString();
    if (pathname == null || pathname.isEmpty()) {
      return upstream;
    }
    String suffix = pathname.startsWith("/") ? pathname : "/" + pathname;
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + suffix);
  }

  /** Whether the upstream uses TLS. */
  public boolean secure() {
    return "wss".equals(upstream.getScheme());
  }
}
