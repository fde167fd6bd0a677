package io.socketx.proxy.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.NetUtil;
import io.socketx.contract.env.ProxyEnv;
import io.socketx.contract.upstream.UpstreamPolicy;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The policy's decisions on literal addresses, without any network: nothing here is ever connected,
 * and the link-local data stand in for the metadata endpoint without naming it.
 */
class DialPolicyTest {
  private static final int PROXY_PORT = 8080;
  private static final String OPERATOR_DENY = UpstreamPolicy.CLUSTER_DENY;

  private static Optional<String> decide(String deny, String allow, String... addresses) {
    DialPolicy policy =
        new DialPolicy(UpstreamPolicy.parseRules(deny), UpstreamPolicy.parseRules(allow));
    policy.listeningOn(Set.of(PROXY_PORT, 9090));
    List<InetSocketAddress> resolved =
        java.util.Arrays.stream(addresses)
            .map(
                a -> {
                  int colon = a.lastIndexOf('@');
                  return new InetSocketAddress(
                      NetUtil.createInetAddressFromIpAddressString(a.substring(0, colon)),
                      Integer.parseInt(a.substring(colon + 1)));
                })
            .toList();
    return policy.refusal("upstream.test", resolved);
  }

  private static String standaloneDeny() {
    return String.join(
        ",", ProxyEnv.UPSTREAM_DENY.read(Map.of()).stream().map(Object::toString).toList());
  }

  @ParameterizedTest(name = "standalone default: {0} -> {1}")
  @CsvSource({
    "169.254.10.20@80, policy_denied",
    "169.254.0.1@443, policy_denied",
    "fe80::a:b@443, policy_denied",
    "fe80::1@80, policy_denied",
    "0.0.0.0@80, policy_denied",
    "::@80, policy_denied",
    "127.0.0.1@8080, policy_self",
    "127.0.0.1@9090, policy_self",
    "::1@8080, policy_self",
    "127.0.0.1@10250, allowed",
    "10.0.0.7@8080, allowed",
    "fd00::1@80, allowed",
  })
  void standaloneRefusesLinkLocalUnspecifiedAndItself(String address, String expected) {
    assertThat(decide(standaloneDeny(), "", address).orElse("allowed")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "operator deny list: {0} -> {1}")
  @CsvSource({
    "127.0.0.1@10250, policy_denied",
    "::1@2379, policy_denied",
    "169.254.10.20@80, policy_denied",
    "10.96.0.10@443, allowed",
  })
  void operatorDeploymentsAlsoRefuseLoopback(String address, String expected) {
    assertThat(decide(OPERATOR_DENY, "", address).orElse("allowed")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "deny [{0}] allow [{1}]: {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0.0.0.0/0,::/0 | 10.0.0.0/8 | 10.1.2.3@80        | allowed",
        "0.0.0.0/0,::/0 | 10.0.0.0/8 | 192.168.1.1@80     | policy_denied",
        "loopback       | loopback   | 127.0.0.1@10250    | allowed",
        "loopback       | loopback   | 127.0.0.1@8080     | policy_self",
        "10.96.0.1/32   |            | 10.96.0.1@443      | policy_denied",
      })
  void allowMakesExceptionsButNeverForTheProxyItself(
      String deny, String allow, String address, String expected) {
    assertThat(decide(deny, allow == null ? "" : allow, address).orElse("allowed"))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "a name resolving to {0} and {1} -> {2}")
  @CsvSource({
    "10.0.0.7@80, 169.254.10.20@80, policy_denied",
    "169.254.10.20@80, 10.0.0.7@80, policy_denied",
    "10.0.0.7@80, 10.0.0.8@80, allowed",
  })
  void everyResolvedAddressIsChecked(String first, String second, String expected) {
    assertThat(decide(standaloneDeny(), "", first, second).orElse("allowed")).isEqualTo(expected);
  }
}
