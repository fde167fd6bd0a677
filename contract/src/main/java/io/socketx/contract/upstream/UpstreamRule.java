package io.socketx.contract.upstream;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.Locale;

/**
 * One entry of an upstream allow or deny list: a CIDR block ({@code 169.254.0.0/16}, {@code
 * fe80::/10}), a single address ({@code fd00:ec2::254}), a host name ({@code
 * metadata.google.internal}) or every name under a suffix ({@code *.internal}).
 */
public sealed interface UpstreamRule permits UpstreamRule.AddressBlock, UpstreamRule.HostName {

  /** Whether the rule names this host (lower case, no trailing dot); blocks name no host. */
  boolean matchesName(String host);

  /** Whether the rule covers this address; host names cover no address. */
  boolean matchesAddress(InetAddress address);

  /**
   * Parses one entry.
   *
   * @throws IllegalArgumentException naming the entry and the problem
   */
  static UpstreamRule parse(String entry) {
    String e = entry == null ? "" : entry.trim();
    if (e.isEmpty()) {
      throw new IllegalArgumentException("empty upstream rule");
    }
    int slash = e.indexOf('/');
    String address = slash < 0 ? e : e.substring(0, slash);
    if (address.startsWith("[") && address.endsWith("]")) {
      address = address.substring(1, address.length() - 1);
    }
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
    if (bytes == null) {
      if (slash >= 0) {
        throw new IllegalArgumentException(
            "upstream rule '" + e + "' is not a CIDR block (e.g. 10.0.0.0/8 or fe80::/10)");
      }
      return HostName.parse(e);
    }
    int bits = bytes.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String digits = e.substring(slash + 1);
      if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("upstream rule '" + e + "' has an invalid prefix");
      }
      prefix = Integer.parseInt(digits);
      if (prefix > bits) {
        throw new IllegalArgumentException(
            "upstream rule '" + e + "' has a prefix longer than " + bits + " bits");
      }
    }
    return new AddressBlock(UpstreamAddresses.unmapped(bytes), prefix, e);
  }

  /** Addresses whose first {@code prefix} bits equal those of {@code network}. */
  record AddressBlock(byte[] network, int prefix, String text) implements UpstreamRule {
    @Override
    public boolean matchesName(String host) {
      return false;
    }

    @Override
    public boolean matchesAddress(InetAddress address) {
      byte[] candidate = UpstreamAddresses.unmapped(address.getAddress());
      if (candidate.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (candidate[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (candidate[full] & mask) == (network[full] & mask);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** A host name, or with {@code suffix} every name ending in {@code .name}. */
  record HostName(String name, boolean suffix) implements UpstreamRule {
    static HostName parse(String entry) {
      String e = entry.toLowerCase(Locale.ROOT);
      boolean suffix = e.startsWith("*.");
      String name = suffix ? e.substring(2) : e;
      if (name.endsWith(".")) {
        name = name.substring(0, name.length() - 1);
      }
      if (name.isEmpty()
          || name.contains("*")
          || !name.chars()
              .allMatch(
                  c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
        throw new IllegalArgumentException(
            "upstream rule '"
                + entry
                + "' is not a CIDR block, an IP address, a host name or *.suffix");
      }
      return new HostName(name, suffix);
    }

    @Override
    public boolean matchesName(String host) {
      return suffix ? host.endsWith("." + name) : host.equals(name);
    }

    @Override
    public boolean matchesAddress(InetAddress address) {
      return false;
    }

    @Override
    public String toString() {
      return suffix ? "*." + name : name;
    }
  }
}
