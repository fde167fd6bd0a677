package io.socketx.contract.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketx.contract.env.InvalidParameterException;
import io.socketx.contract.env.ProxyEnv;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamPolicyTest {
  /** The API server's ClusterIP in these tests: a documentation address (RFC 5737). */
  private static final String API_SERVER = "192.0.2.1";

  private static final UpstreamPolicy CLUSTER =
      new UpstreamPolicy(
          UpstreamPolicy.clusterDefaults(
              "cluster.local", API_SERVER, List.of("edge.team-a.svc.cluster.local")),
          List.of());

  @ParameterizedTest(name = "{0} is refused, matching {1}")
  @CsvSource({
    "ws://169.254.10.20/latest, 169.254.0.0/16",
    "ws://[fe80::1]:80/, fe80::/10",
    "ws://127.0.0.1:10250/, 127.0.0.0/8",
    "ws://[::1]:2379/, ::1/128",
    "ws://0.0.0.0/, 0.0.0.0/8",
    "ws://[::]:80/, ::/128",
    "ws://[::ffff:169.254.10.20]/, 169.254.0.0/16",
    "ws://localhost:8080/, localhost",
    "wss://kubernetes.default.svc/, kubernetes.default.svc",
    "wss://kubernetes.default.svc.cluster.local:443/, kubernetes.default.svc.cluster.local",
    "wss://KUBERNETES.default.svc.cluster.local./, kubernetes.default.svc.cluster.local",
    "wss://kubernetes/, kubernetes",
    "ws://metadata.google.internal/computeMetadata, metadata.google.internal",
    "ws://edge.team-a.svc.cluster.local:80/, edge.team-a.svc.cluster.local",
    "wss://192.0.2.1:443/api, 192.0.2.1",
  })
  void clusterDefaultsRefuseInternalUpstreams(String url, String rule) {
    assertThat(CLUSTER.refusal(URI.create(url)))
        .hasValueSatisfying(m -> assertThat(m).contains("matches " + rule + ")"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ws://2852039166/",
        "ws://0xa9.0xfe.0xa9.0xfe/",
        "ws://127.1/",
        "ws://0177.0.0.1/"
      })
  void numericSpellingsOfAddressesAreRefused(String url) {
    assertThat(CLUSTER.refusal(URI.create(url)))
        .hasValueSatisfying(m -> assertThat(m).contains("non-standard form"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "wss://chat.example.com/ws",
        "ws://chat.team-a.svc.cluster.local:8080/",
        "ws://10.0.0.7:8080/",
        "ws://[2001:db8::1]/",
        "ws://kubernetes.example.com/",
        "ws://mylocalhost/"
      })
  void ordinaryUpstreamsPass(String url) {
    assertThat(CLUSTER.refusal(URI.create(url))).isEmpty();
  }

  @ParameterizedTest(name = "allow {1} lets {0} through")
  @CsvSource({
    "ws://127.0.0.1:9000/, 127.0.0.1",
    "ws://127.0.0.1:9000/, 127.0.0.0/8",
    "ws://[::1]:9000/, ::1/128",
    "ws://localhost:9000/, localhost",
    "ws://kubernetes.default.svc/, *.default.svc"
  })
  void allowRulesOverrideDenyRules(String url, String allow) {
    UpstreamPolicy policy = new UpstreamPolicy(CLUSTER.deny(), UpstreamPolicy.parseRules(allow));
    assertThat(policy.refusal(URI.create(url))).isEmpty();
  }

  @ParameterizedTest(name = "{0} resolving to {1}: refused={2}")
  @CsvSource({
    "evil.example.com, 169.254.10.20, true",
    "evil.example.com, ::ffff:127.0.0.1, true",
    "chat.example.com, 93.184.216.34, false",
    "metadata.google.internal, 10.1.2.3, true"
  })
  void resolvedAddressesAreChecked(String host, String address, boolean refused) throws Exception {
    assertThat(CLUSTER.refusal(host, InetAddress.getByName(address)).isPresent())
        .isEqualTo(refused);
  }

  @ParameterizedTest(name = "standalone default: {0} refused={1}")
  @CsvSource({
    "ws://169.254.10.20/, true",
    "ws://[fe80::a:b]/, true",
    "ws://127.0.0.1:9000/, false",
    "ws://localhost:9000/, false"
  })
  void standaloneDefaultRefusesOnlyLinkLocal(String url, boolean refused) {
    UpstreamPolicy standalone =
        new UpstreamPolicy(UpstreamPolicy.parseRules(UpstreamPolicy.STANDALONE_DENY), List.of());
    assertThat(standalone.refusal(URI.create(url)).isPresent()).isEqualTo(refused);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "10.0.0.0/33 | prefix longer than 32 bits",
        "10.0.0.0/x | invalid prefix",
        "example.com/8 | is not a CIDR block",
        "exa mple.com | is not a CIDR block, an IP address, a host name or *.suffix",
        "*.*.com | is not a CIDR block, an IP address, a host name or *.suffix",
        "10.0.0.1,, ::1/129 | prefix longer than 128 bits"
      })
  void invalidRulesAreNamed(String rules, String problem) {
    assertThatThrownBy(() -> UpstreamPolicy.parseRules(rules))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(problem);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/8,fe80::/10,example.com,*.internal", ""})
  void rulesRoundTripThroughTheirTextForm(String rules) {
    assertThat(UpstreamPolicy.format(UpstreamPolicy.parseRules(rules))).isEqualTo(rules);
  }

  @Test
  void classNamesStandForTheirBlocks() {
    assertThat(UpstreamPolicy.format(UpstreamPolicy.parseRules("loopback,10.0.0.0/8")))
        .isEqualTo("127.0.0.0/8,::1/128,10.0.0.0/8");
  }

  @ParameterizedTest(name = "address entries of {0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "127.0.0.1,localhost,*.internal,loopback,fd00::/8 | 127.0.0.1,loopback,fd00::/8",
        "kubernetes.default.svc | ''",
        "apiserver,kubernetes | apiserver"
      })
  void onlyAddressEntriesGoToTheProxy(String list, String addresses) {
    assertThat(UpstreamPolicy.addressEntries(list)).isEqualTo(addresses);
  }

  @ParameterizedTest(name = "apiserver with KUBERNETES_SERVICE_HOST=[{1}]: {0} refused={2}")
  @CsvSource({
    "ws://127.0.0.9:443/, 127.0.0.9, true",
    "ws://127.0.0.1:443/, 127.0.0.9, false",
    "ws://[::1]:443/, ::1, true",
    "ws://127.0.0.9:443/, , false",
  })
  void apiserverStandsForTheAddressTheKubeletSets(String url, String apiServer, boolean refused) {
    UpstreamPolicy policy =
        new UpstreamPolicy(UpstreamPolicy.parseRules("apiserver", apiServer), List.of());
    URI uri = URI.create(url);
    assertThat(policy.refusal(uri).isPresent()).as("as written").isEqualTo(refused);
    InetAddress resolved = UpstreamAddresses.literal(uri.getHost()).orElseThrow();
    assertThat(policy.refusal("api.example.test", resolved).isPresent())
        .as("a name that resolves to it")
        .isEqualTo(refused);
  }

  @Test
  void clusterProxiesReadTheApiServerFromTheirOwnEnvironment() {
    Map<String, String> env =
        Map.of(
            "UPSTREAM_DENY",
            UpstreamPolicy.CLUSTER_DENY,
            UpstreamPolicy.API_SERVER_HOST,
            "127.0.0.9");
    assertThat(UpstreamPolicy.format(ProxyEnv.UPSTREAM_DENY.read(env))).endsWith(",127.0.0.9");
    assertThat(ProxyEnv.UPSTREAM_DENY.problemWith(UpstreamPolicy.CLUSTER_DENY))
        .as("the operator checks the value it writes without a cluster")
        .isEmpty();
  }

  @Test
  void anApiServerAddressThatIsNoAddressIsNamed() {
    Map<String, String> env =
        Map.of("UPSTREAM_DENY", "apiserver", UpstreamPolicy.API_SERVER_HOST, "not an address");
    assertThatThrownBy(() -> ProxyEnv.UPSTREAM_DENY.read(env))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("UPSTREAM_DENY")
        .hasMessageContaining("KUBERNETES_SERVICE_HOST")
        .hasMessageContaining("'not an address'");
  }
}
