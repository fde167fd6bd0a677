package io.socketx.protocol.v2;

import io.socketx.protocol.PathnameRule;
import java.util.Locale;

/**
 * The v2 pathname rule (docs/protocol.md section 6.3): the v1 rule plus no {@code .} or {@code ..}
 * segment, even percent-encoded, and no {@code \}, {@code %2f} or {@code %5c} in the path (an
 * upstream could decode them into separators), so a route's base path cannot be escaped.
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
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.contains("\\") || lower.contains("%2f") || lower.contains("%5c")) {
      return "pathname has a '\\', '%2f' or '%5c' in its path, which an upstream could read as a"
          + " separator and leave the route's base path";
    }
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
