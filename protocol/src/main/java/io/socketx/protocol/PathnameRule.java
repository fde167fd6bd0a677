package io.socketx.protocol;

/** The rule an UPSTREAM_CONNECTION_REQUEST pathname must satisfy. */
public final class PathnameRule {
  private PathnameRule() {}

  /** Returns null when valid, otherwise what is wrong. */
  public static String problem(String pathname) {
    if (pathname == null) {
      return "pathname is missing";
    }
    if (pathname.isEmpty() || pathname.charAt(0) != '/') {
      return "pathname must start with '/'";
    }
    if (pathname.length() > ProtocolConstants.MAX_PATHNAME_LENGTH) {
      return "pathname is longer than " + ProtocolConstants.MAX_PATHNAME_LENGTH + " characters";
    }
    if (pathname.startsWith("//")) {
      return "pathname must not start with '//'";
    }
    for (int i = 0; i < pathname.length(); i++) {
      char c = pathname.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == '#') {
        return "pathname contains a space, control, '#' or non-ASCII character at index " + i;
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
