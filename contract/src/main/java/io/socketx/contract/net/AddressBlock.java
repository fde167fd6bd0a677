package io.socketx.contract.net;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An IP address block in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}; a bare address is a
 * /32 or /128). Parsed without any DNS lookup: only literal addresses are accepted.
 *
 * @param network the block's first address (host bits cleared)
 * @param prefix the number of leading bits that must match
 */
public record AddressBlock(InetAddress network, int prefix) {

  /**
   * Parses {@code 192.0.2.0/24}, {@code 2001:db8::/32} or a bare literal address.
   *
   * @throws IllegalArgumentException naming the problem
   */
  public static AddressBlock parse(String text) {
    String s = text.trim();
    int slash = s.indexOf('/');
    String address = slash < 0 ? s : s.substring(0, slash);
    if (address.startsWith("[") && address.endsWith("]")) {
      address = address.substring(1, address.length() - 1);
    }
    InetAddress parsed = NetUtil.createInetAddressFromIpAddressString(address);
    if (parsed == null) {
      throw new IllegalArgumentException(
          "'" + s + "' is not an IP address or CIDR block (host names are not allowed here)");
    }
    int bits = parsed.getAddress().length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(s.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + s + "' has no numeric prefix length");
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("'" + s + "' has a prefix length outside 0-" + bits);
      }
    }
    return new AddressBlock(masked(parsed, prefix), prefix);
  }

  /**
   * Parses a comma-separated list of CIDR blocks and {@link AddressClass} names ({@code
   * link-local}, {@code loopback}, {@code unspecified}); an empty text is an empty list.
   *
   * @throws IllegalArgumentException naming the first bad entry
   */
  public static List<AddressBlock> parseList(String text) {
    List<AddressBlock> blocks = new ArrayList<>();
    for (String entry : text.split(",")) {
      String e = entry.trim();
      if (e.isEmpty()) {
        continue;
      }
      AddressClass named = AddressClass.byName(e.toLowerCase(Locale.ROOT));
      if (named != null) {
        blocks.addAll(named.blocks());
      } else {
        blocks.add(parse(e));
      }
    }
    return List.copyOf(blocks);
  }

  /** Whether {@code address} lies in this block (an IPv4 address never lies in an IPv6 block). */
  public boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    byte[] net = network.getAddress();
    if (candidate.length != net.length) {
      return false;
    }
    return masked(address, prefix).equals(network);
  }

  private static InetAddress masked(InetAddress address, int prefix) {
    byte[] bytes = address.getAddress();
    for (int i = 0; i < bytes.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      bytes[i] &= (byte) (0xFF << (8 - keep));
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e); // only thrown for a wrong length
    }
  }

  @Override
  public String toString() {
    return NetUtil.toAddressString(network) + "/" + prefix;
  }
}
