package io.socketx.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketx.proxy.ProxyServer;
import io.socketx.proxy.relay.CloseCodes;
import io.socketx.proxy.relay.DialPolicy;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The upstream policy on resolved addresses, end to end with loopback only: a denied upstream (by
 * literal address or by a name that resolves to it) and the proxy's own listeners are refused with
 * 4403 before any connection is made. Link-local and the other classes are covered by
 * UpstreamPolicyRulesTest without any network.
 */
class UpstreamPolicyTest extends ProxyTestSupport {

  @ParameterizedTest(name = "{0} with UPSTREAM_DENY=[{1}] UPSTREAM_ALLOW=[{2}]: {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "127.0.0.1 upstream | loopback    |          | policy_denied",
        "localhost upstream | loopback    |          | policy_denied",
        "127.0.0.1 upstream | 127.0.0.0/8 |          | policy_denied",
        "[::1] upstream     | loopback    |          | policy_denied",
        "0.0.0.0 upstream   |             |          | policy_denied",
        "proxy itself       |             | loopback | policy_self",
        "proxy admin port   |             | loopback | policy_self",
      })
  void refusesForbiddenUpstreamsWith4403AndCountsThem(
      String target, String deny, String allow, String reason) throws Exception {
    TestUpstream upstream = upstream();
    int port = Integer.parseInt(upstream.url("ws").replaceAll(".*:(\\d+).*", "$1"));
    Map<String, String> env = env("{}");
    env.put("UPSTREAM_DENY", deny == null ? "link-local,unspecified" : deny);
    env.put("UPSTREAM_ALLOW", allow == null ? "" : allow);
    ProxyServer proxy = proxy(env);
    String url =
        switch (target.trim()) {
          case "127.0.0.1 upstream" -> "ws://127.0.0.1:" + port;
          case "localhost upstream" -> "ws://localhost:" + port;
          case "[::1] upstream" -> "ws://[::1]:" + port;
          case "0.0.0.0 upstream" -> "ws://0.0.0.0:" + port;
          case "proxy itself" -> "ws://127.0.0.1:" + proxy.port();
          case "proxy admin port" -> "ws://127.0.0.1:" + proxy.adminPort();
          default -> throw new IllegalArgumentException(target);
        };
    // the route needs the proxy's own ports, known only once it listens
    proxy.context().reloader().offer(map(route("*", url, "*")), "test");

    assertRefused(client(proxy), proxy, upstream, reason);
  }

  /**
   * The client gets 4403 (record and frame), nothing reached the upstream, the metric counts it.
   */
  private static void assertRefused(
      TestClient client, ProxyServer proxy, TestUpstream upstream, String reason) throws Exception {
    client.established("/");
    assertThat(client.awaitCloseRecord().code()).isEqualTo(CloseCodes.UPSTREAM_FORBIDDEN);
    assertThat(client.awaitClose())
        .isEqualTo(new TestClient.Closed(CloseCodes.UPSTREAM_FORBIDDEN, "upstream forbidden"));
    assertThat(upstream.handshakes).isEmpty();
    await()
        .atMost(CEILING)
        .until(
            () ->
                admin(proxy, "/metrics")
                    .body()
                    .contains("socketx_upstream_failures_total{reason=\"" + reason + "\"} 1.0"));
  }

  /**
   * {@code apiserver} is the address the kubelet puts in KUBERNETES_SERVICE_HOST; here a loopback
   * address stands in for the API server's ClusterIP, read from the proxy's own environment.
   */
  @ParameterizedTest(name = "route to {0} with KUBERNETES_SERVICE_HOST=[{1}]: refused={2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "127.0.0.1 | 127.0.0.1 | true",
        "localhost | 127.0.0.1 | true",
        "127.0.0.1 | 127.0.0.2 | false",
        "127.0.0.1 |           | false",
      })
  void refusesTheApiServerAddressOfItsEnvironmentWith4403(
      String host, String apiServer, boolean refused) throws Exception {
    TestUpstream upstream = upstream();
    Map<String, String> env = env(map(route("*", "ws://" + host + ":" + upstream.port(), "*")));
    env.put("UPSTREAM_DENY", "apiserver");
    env.put("UPSTREAM_ALLOW", "");
    if (apiServer != null) {
      env.put("KUBERNETES_SERVICE_HOST", apiServer);
    }
    ProxyServer proxy = proxy(env);

    if (refused) {
      assertRefused(client(proxy), proxy, upstream, DialPolicy.DENIED);
    } else {
      client(proxy).handshake("/").assertEchoes("not the API server");
    }
  }
}
