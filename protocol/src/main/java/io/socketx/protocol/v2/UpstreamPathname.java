package io.socketx.protocol.v2;

import io.socketx.protocol.PathnameRule;
import java.util.Locale;

/**
 * The v2 pathname rule (docs/protocol.md section 6.3): the v1 rule plus no {@code .} or {@code ..}
 * segment, even percent-encoded, so a route's base path cannot be escaped.
 */
public final class UpstreamPathname {
  private UpstreamPathname() {}

  /** Returns null when valid, otherwise what is wrong. */
  public static String problem(String pathname) {
    String problem = PathnameRule.problem(pathname);
    if (problem != null) {
      return problem;
    }
    int query = pathname.indexOf('?');
    String path = query < 0 ? pathname : pathname.substring(0, query);
    for (String segment : path.split("/", -1)) {
      String decoded = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
      if (decoded.equals(".") || decoded.equals("..")) {
        return "pathname has a '" + decoded + "' segment, which could leave the route's base path";
      }
    }
    return null;
  }

  static void check(String pathname) {
    String problem = problem(pathname);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }
}
