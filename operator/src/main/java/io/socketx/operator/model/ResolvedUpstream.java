package io.socketx.operator.model;

/**
 * An upstream URL resolved from a route's upstream, or the reason it could not be.
 *
 * @param url the ws:// or wss:// URL, null when invalid
 * @param problem what is wrong, null when valid
 * @param target the namespace and Service the URL names in the cluster, null when it names none
 */
public record ResolvedUpstream(String url, String problem, UpstreamTarget target) {
  static ResolvedUpstream of(String url, UpstreamTarget target) {
    return new ResolvedUpstream(url, null, target);
  }

  static ResolvedUpstream invalid(String problem) {
    return new ResolvedUpstream(null, problem, null);
  }

  public boolean valid() {
    return url != null;
  }
}
