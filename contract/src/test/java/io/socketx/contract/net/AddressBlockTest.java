package io.socketx.contract.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressBlockTest {

  private static InetAddress ip(String literal) {
    return NetUtil.createInetAddressFromIpAddressString(literal);
  }

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource({
    "10.0.0.0/8, 10.255.1.2, true",
    "10.0.0.0/8, 11.0.0.1, false",
    "10.1.2.3/8, 10.9.9.9, true",
    "192.0.2.7, 192.0.2.7, true",
    "192.0.2.7, 192.0.2.8, false",
    "0.0.0.0/0, 203.0.113.9, true",
    "0.0.0.0/0, 2001:db8::1, false",
    "fe80::/10, fe80::1, true",
    "fe80::/10, fec0::1, false",
    "[2001:db8::]/32, 2001:db8:ffff::1, true",
    "::/0, ::1, true",
  })
  void containsExactlyTheAddressesUnderItsPrefix(String block, String address, boolean inside) {
    assertThat(AddressBlock.parse(block).contains(ip(address))).isEqualTo(inside);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"metadata.google.internal", "localhost", "10.0.0.0/33", "::1/129", "10.0.0.0/x"})
  void refusesHostNamesAndBadPrefixesNamingTheEntry(String bad) {
    assertThatThrownBy(() -> AddressBlock.parse(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(bad);
  }

  @ParameterizedTest(name = "{0} covers {1}")
  @CsvSource({
    "link-local, 169.254.169.254",
    "link-local, fd00:ec2::254",
    "link-local, fe80::1",
    "loopback, 127.0.0.1",
    "loopback, 127.3.4.5",
    "loopback, ::1",
    "unspecified, 0.0.0.0",
    "unspecified, ::",
  })
  void namedClassesCoverTheirAddresses(String name, String address) {
    List<AddressBlock> blocks = AddressBlock.parseList(name);
    assertThat(blocks).anyMatch(b -> b.contains(ip(address)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1", "fd00::1", "8.8.8.8"})
  void namedClassesLeaveOrdinaryAddressesAlone(String address) {
    assertThat(AddressBlock.parseList("link-local,loopback,unspecified"))
        .noneMatch(b -> b.contains(ip(address)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " , ", "LOOPBACK, 10.96.0.1/32"})
  void parsesListsWithBlanksAndAnyCase(String list) {
    assertThat(AddressBlock.parseList(list)).allMatch(b -> b.prefix() >= 0);
  }
}
