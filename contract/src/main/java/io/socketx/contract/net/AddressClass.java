package io.socketx.contract.net;

import java.util.List;

/** Named groups of address blocks an upstream policy can deny or allow by name. */
public enum AddressClass {
  /**
   * Link-local addresses, where cloud instance metadata services live (169.254.169.254 and AWS's
   * IPv6 fd00:ec2::254, which is a unique-local address listed here on purpose).
   */
  LINK_LOCAL("link-local", "169.254.0.0/16", "fe80::/10", "fd00:ec2::254/128"),
  /** This host: 127.0.0.0/8 and ::1. */
  LOOPBACK("loopback", "127.0.0.0/8", "::1/128"),
  /** "This network" addresses; Linux connects 0.0.0.0 to the local host. */
  UNSPECIFIED("unspecified", "0.0.0.0/8", "::/128");

  private final String label;
  private final List<String> cidrs;

  AddressClass(String label, String... cidrs) {
    this.label = label;
    this.cidrs = List.of(cidrs);
  }

  /** The name used in {@code UPSTREAM_DENY} and {@code UPSTREAM_ALLOW}. */
  public String label() {
    return label;
  }

  /** The blocks this class stands for. */
  public List<AddressBlock> blocks() {
    return cidrs.stream().map(AddressBlock::parse).toList();
  }

  /** The class with this label, or null. */
  static AddressClass byName(String label) {
    for (AddressClass c : values()) {
      if (c.label.equals(label)) {
        return c;
      }
    }
    return null;
  }
}
