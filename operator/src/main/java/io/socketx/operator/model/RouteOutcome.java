package io.socketx.operator.model;

import io.socketx.crd.SocketXApi.Reasons;

/**
 * What a proxy made of one route: whether it is accepted (condition Accepted), whether its
 * references resolved (condition ResolvedRefs), and the upstream URL it resolved to.
 *
 * @param accepted the route is in the proxy's DOMAIN_MAP
 * @param reason reason of the Accepted condition
 * @param message human-readable explanation naming the problem
 * @param refsResolved the proxy and upstream references resolved
 * @param refsReason reason of the ResolvedRefs condition
 * @param upstream resolved upstream URL, or null when it did not resolve
 */
public record RouteOutcome(
    boolean accepted,
    String reason,
    String message,
    boolean refsResolved,
    String refsReason,
    String upstream) {

  static RouteOutcome accepted(String upstream, String proxy) {
    return new RouteOutcome(
        true,
        Reasons.ACCEPTED,
        "Served by SocketXProxy " + proxy,
        true,
        Reasons.RESOLVED,
        upstream);
  }

  static RouteOutcome rejected(String reason, String message, String upstream) {
    return new RouteOutcome(false, reason, message, true, Reasons.RESOLVED, upstream);
  }

  /** A reference into another namespace without its consent: neither accepted nor resolved. */
  static RouteOutcome refNotPermitted(String message, String upstream) {
    return new RouteOutcome(
        false, Reasons.REF_NOT_PERMITTED, message, false, Reasons.REF_NOT_PERMITTED, upstream);
  }

  static RouteOutcome invalidUpstream(String message) {
    return new RouteOutcome(
        false, Reasons.INVALID_UPSTREAM, message, false, Reasons.INVALID_UPSTREAM, null);
  }

  /** The outcome of a route whose proxy does not exist. */
  public static RouteOutcome proxyNotFound(String proxy) {
    String message = "SocketXProxy " + proxy + " not found";
    return new RouteOutcome(
        false, Reasons.PROXY_NOT_FOUND, message, false, Reasons.PROXY_NOT_FOUND, null);
  }

  /** One line that changes whenever anything a status shows changes. */
  String digestLine() {
    return accepted + "|" + reason + "|" + message + "|" + refsReason + "|" + upstream;
  }
}
