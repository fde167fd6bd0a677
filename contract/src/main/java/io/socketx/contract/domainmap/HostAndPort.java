package io.socketx.contract.domainmap;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.Locale;

/**
 * A normalized host (lower case, no trailing dot, IPv6 literals in brackets and compressed form)
 * with an optional port ({@code -1} when absent), parsed from a {@code Host} header or a route key.
 */
public record HostAndPort(String host, int port) {

  /** No port given. */
  public static final int NO_PORT = -1;

  /**
   * Parses {@code example.com}, {@code example.com:8080}, {@code [::1]:8080} or a bare IPv6
   * literal.
   *
   * @throws IllegalArgumentException naming the problem when the value is not a host
   */
  public static HostAndPort parse(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("empty host");
    }
    String v = value.trim();
    String host;
    int port = NO_PORT;
    if (v.startsWith("[")) {
      int close = v.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("unterminated IPv6 literal in '" + value + "'");
      }
      host = ipv6(v.substring(1, close), value);
      String rest = v.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException(
              "unexpected text after IPv6 literal in '" + value + "'");
        }
        port = port(rest.substring(1), value);
      }
    } else if (v.indexOf(':') != v.lastIndexOf(':')) {
      host = ipv6(v, value);
    } else {
      int colon = v.indexOf(':');
      host = colon < 0 ? v : v.substring(0, colon);
      if (colon >= 0) {
        port = port(v.substring(colon + 1), value);
      }
      host = host.toLowerCase(Locale.ROOT);
      if (host.endsWith(".")) {
        host = host.substring(0, host.length() - 1);
      }
      if (host.isEmpty() || !host.chars().allMatch(HostAndPort::isHostChar)) {
        throw new IllegalArgumentException("invalid host name in '" + value + "'");
      }
    }
    return new HostAndPort(host, port);
  }

  public boolean hasPort() {
    return port != NO_PORT;
  }

  /** The host, with {@code :port} when a port is present. */
  @Override
  public String toString() {
    return hasPort() ? host + ":" + port : host;
  }

  private static boolean isHostChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '*';
  }

  private static String ipv6(String literal, String original) {
    String withoutZone =
        literal.contains("%") ? literal.substring(0, literal.indexOf('%')) : literal;
    if (!NetUtil.isValidIpV6Address(withoutZone)) {
      throw new IllegalArgumentException("invalid IPv6 literal in '" + original + "'");
    }
    InetAddress address = NetUtil.createInetAddressFromIpAddressString(withoutZone);
    return "[" + NetUtil.toAddressString(address, true) + "]";
  }

  private static int port(String digits, String original) {
    if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("invalid port in '" + original + "'");
    }
    int port = Integer.parseInt(digits);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range in '" + original + "'");
    }
    return port;
  }
}
