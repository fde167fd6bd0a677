package io.socketx.proxy.admission;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * The bytes that identify a client source for the per-source limits: the whole IPv4 address, or an
 * IPv6 /64, the block a single host or subscriber usually gets.
 */
record SourceKey(byte[] key) {
  static SourceKey of(InetAddress address) {
    byte[] bytes = address.getAddress();
    return new SourceKey(address instanceof Inet6Address ? Arrays.copyOf(bytes, 8) : bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SourceKey other && Arrays.equals(key, other.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return Arrays.toString(key);
  }
}
