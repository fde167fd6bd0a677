package io.socketx.contract.upstream;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/** Reads IP literals in upstream hosts the way a resolver would, so that no spelling slips by. */
final class UpstreamAddresses {
  private static final byte[] MAPPED_PREFIX = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff
  };

  private UpstreamAddresses() {}

  /** An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) as its IPv4 address, others unchanged. */
  static byte[] unmapped(byte[] address) {
    if (address.length == 16 && Arrays.equals(Arrays.copyOfRange(address, 0, 12), MAPPED_PREFIX)) {
      return Arrays.copyOfRange(address, 12, 16);
    }
    return address;
  }

  /**
   * The address of an IP literal host ({@code 10.0.0.1}, {@code [::1]}, {@code ::1}), if it is one.
   */
  static Optional<InetAddress> literal(String host) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    int zone = h.indexOf('%');
    if (zone >= 0) {
      h = h.substring(0, zone);
    }
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(h);
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByAddress(unmapped(bytes)));
    } catch (java.net.UnknownHostException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether a host that is not a dotted-quad literal still reads as an IPv4 address to some
   * resolvers: {@code 2130706433}, {@code 0x7f.1}, {@code 127.1}, {@code 0177.0.0.1}.
   */
  static boolean numericLookalike(String host) {
    if (host.isEmpty()) {
      return false;
    }
    for (String label : host.split("\\.", -1)) {
      boolean hex = label.startsWith("0x") && label.length() > 2;
      String digits = hex ? label.substring(2) : label;
      boolean numeric =
          !digits.isEmpty()
              && digits
                  .chars()
                  .allMatch(c -> hex ? Character.digit(c, 16) >= 0 : Character.isDigit(c));
      if (!numeric) {
        return false;
      }
    }
    return true;
  }
}
