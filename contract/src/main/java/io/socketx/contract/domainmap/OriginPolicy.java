package io.socketx.contract.domainmap;

import java.util.List;
import java.util.Locale;

/**
 * The allowed {@code Origin} values of one route: {@code "*"} allows any origin (and none), {@code
 * scheme://host[:port]} allows exactly that origin, {@code scheme://*.suffix[:port]} allows any
 * host with one or more labels before the suffix; an empty list allows nothing.
 */
public final class OriginPolicy {
  private final List<String> entries;
  private final boolean any;
  private final List<Pattern> patterns;

  private OriginPolicy(List<String> entries, boolean any, List<Pattern> patterns) {
    this.entries = entries;
    this.any = any;
    this.patterns = patterns;
  }

  /**
   * Validates the entries of an {@code allowedOrigins} list.
   *
   * @throws IllegalArgumentException naming the first invalid entry
   */
  public static OriginPolicy of(List<String> entries) {
    boolean any = false;
    List<Pattern> patterns = new java.util.ArrayList<>();
    for (String entry : entries) {
      if (entry.equals("*")) {
        any = true;
        continue;
      }
      Origin origin = Origin.parse(entry);
      if (origin == null) {
        throw new IllegalArgumentException(
            "origin '"
                + entry
                + "' must be \"*\" or scheme://host[:port] (e.g. https://app.example.com)");
      }
      String host = origin.host();
      boolean wildcard = host.startsWith("*.");
      String rest = wildcard ? host.substring(2) : host;
      if (rest.isEmpty() || rest.contains("*")) {
        throw new IllegalArgumentException(
            "origin '" + entry + "': a wildcard must begin with '*.' (e.g. https://*.example.com)");
      }
      patterns.add(new Pattern(origin.scheme(), wildcard, rest, origin.port()));
    }
    return new OriginPolicy(List.copyOf(entries), any, List.copyOf(patterns));
  }

  /** Whether a request with this {@code Origin} header value (null when absent) may connect. */
  public boolean allows(String originHeader) {
    if (any) {
      return true;
    }
    if (originHeader == null) {
      return false;
    }
    Origin origin = Origin.parse(originHeader.trim());
    if (origin == null) {
      return false;
    }
    for (Pattern p : patterns) {
      if (p.matches(origin)) {
        return true;
      }
    }
    return false;
  }

  /** The entries as configured. */
  public List<String> entries() {
    return entries;
  }

  @Override
  public String toString() {
    return entries.toString();
  }

  private record Pattern(String scheme, boolean wildcard, String host, int port) {
    boolean matches(Origin origin) {
      if (!scheme.equals(origin.scheme()) || port != origin.port()) {
        return false;
      }
      return wildcard
          ? HostMatching.matchesWildcard(host, origin.host())
          : host.equals(origin.host());
    }
  }

  /** A parsed origin; the port is explicit only when it differs from the scheme's default. */
  private record Origin(String scheme, String host, int port) {
    static Origin parse(String value) {
      String v = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
      int sep = v.indexOf("://");
      if (sep <= 0) {
        return null;
      }
      String scheme = v.substring(0, sep).toLowerCase(Locale.ROOT);
      String authority = v.substring(sep + 3);
      if (authority.isEmpty() || authority.contains("/") || authority.contains("@")) {
        return null;
      }
      HostAndPort hp;
      try {
        hp = HostAndPort.parse(authority);
      } catch (IllegalArgumentException e) {
        return null;
      }
      int port = hp.port();
      if ((scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80)) {
        port = HostAndPort.NO_PORT;
      }
      return new Origin(scheme, hp.host(), port);
    }
  }
}
