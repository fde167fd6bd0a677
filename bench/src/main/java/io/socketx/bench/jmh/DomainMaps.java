package io.socketx.bench.jmh;

/**
 * A large DOMAIN_MAP as an operator of many tenants would have: mostly exact hosts, some {@code
 * *.suffix} wildcards, and a catch-all.
 */
final class DomainMaps {
  static final int ROUTES = 10_000;
  static final int WILDCARDS = 1_000;

  private DomainMaps() {}

  /** Exact host {@code i} (0 <= i < ROUTES - WILDCARDS). */
  static String exactHost(int i) {
    return "tenant-" + i + ".example.com";
  }

  /** A host under wildcard {@code i} (0 <= i < WILDCARDS - 1). */
  static String wildcardHost(int i) {
    return "app.zone-" + i + ".example.net";
  }

  /** The JSON of {@link #ROUTES} routes: exact hosts, wildcards and one {@code *}. */
  static String json() {
    StringBuilder b = new StringBuilder(ROUTES * 110).append('{');
    for (int i = 0; i < ROUTES - WILDCARDS; i++) {
      entry(b, exactHost(i), "ws://10.0." + (i / 250) + "." + (i % 250) + ":8080/ws");
    }
    for (int i = 0; i < WILDCARDS - 1; i++) {
      entry(b, "*.zone-" + i + ".example.net", "wss://zone-" + i + ".internal:443/");
    }
    entry(b, "*", "ws://fallback.internal:8080/");
    b.setLength(b.length() - 1);
    return b.append('}').toString();
  }

  private static void entry(StringBuilder b, String key, String upstream) {
    b.append('"')
        .append(key)
        .append("\":{\"upstream\":\"")
        .append(upstream)
        .append("\",\"allowedOrigins\":[")
        .append(key.equals("*") ? "\"*\"" : "\"https://" + key.replace("*.", "app.") + "\"")
        .append("]},");
  }
}
