package io.socketx.operator.model;

/**
 * An upstream URL resolved from a route's upstream, or the reason it could not be.
 *
 * @param url the ws:// or wss:// URL, null when invalid
 * @param problem what is wrong, null when valid
 */
public record ResolvedUpstream(String url, String problem) {
  static ResolvedUpstream of(String url) {
    return new ResolvedUpstream(url, null);
  }

  static ResolvedUpstream invalid(String problem) {
    return new ResolvedUpstream(null, problem);
  }

  public boolean valid() {
    return url != null;
  }
}
