package io.socketx.contract.domainmap;

/** The one wildcard rule shared by routes and origins. */
final class HostMatching {
  private HostMatching() {}

  /**
   * Whether {@code host} ends with {@code "." + suffix} and has at least one label before it:
   * {@code *.example.com} matches {@code a.example.com} and {@code a.b.example.com}, never {@code
   * example.com}.
   */
  static boolean matchesWildcard(String suffix, String host) {
    return host.length() > suffix.length() + 1
        && host.endsWith(suffix)
        && host.charAt(host.length() - suffix.length() - 1) == '.';
  }
}
