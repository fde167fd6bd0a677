package io.socketx.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketx.proxy.ProxyServer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Route and origin selection over real sockets. */
class RoutingTest extends ProxyTestSupport {
  private Map<String, TestUpstream> upstreams;
  private ProxyServer proxy;

  @BeforeEach
  void start() throws Exception {
    upstreams =
        Map.of(
            "exact-port", upstream(),
            "exact", upstream(),
            "wildcard", upstream(),
            "ipv6", upstream(),
            "global", upstream());
    proxy =
        proxy(
            env(
                map(
                    route("app.example.com:8443", upstreams.get("exact-port").url("ws"), "*"),
                    route("app.example.com", upstreams.get("exact").url("ws"), "*"),
                    route("*.example.com", upstreams.get("wildcard").url("ws"), "*"),
                    route("[::1]:8080", upstreams.get("ipv6").url("ws"), "*"),
                    route("*", upstreams.get("global").url("ws"), "*"),
                    route(
                        "origins.test",
                        upstreams.get("exact").url("ws"),
                        "https://app.example.com",
                        "https://*.example.org"),
                    route("closed.test", upstreams.get("exact").url("ws")))));
  }

  @ParameterizedTest(name = "Host {0} -> {1}")
  @CsvSource({
    "app.example.com:8443, exact-port",
    "app.example.com, exact",
    "app.example.com:9999, exact",
    "www.example.com, wildcard",
    "a.b.example.com, wildcard",
    "example.com, global",
    "'[::1]:8080', ipv6",
    "'[::1]:8081', global",
    "unknown.org, global"
  })
  void routesByHostPrecedence(String host, String expected) throws Exception {
    TestClient client = client(proxy, new TestClient.Options().host(host)).handshake("/");
    client.assertEchoes("via " + expected);
    assertThat(upstreams.get(expected).handshakes.poll(CEILING.toSeconds(), TimeUnit.SECONDS))
        .isNotNull();
    upstreams.forEach(
        (name, upstream) -> {
          if (!name.equals(expected)) {
            assertThat(upstream.handshakes).as(name).isEmpty();
          }
        });
  }

  @Test
  void answers404WithoutMatchingRoute() throws Exception {
    ProxyServer narrow =
        proxy(env(map(route("*.example.com", upstreams.get("wildcard").url("ws"), "*"))));
    assertThat(
            TestClient.refusedStatus(
                group, narrow.port(), new TestClient.Options().host("example.com")))
        .isEqualTo(404);
    assertThat(admin(narrow, "/metrics").body())
        .contains("socketx_upgrade_rejections_total{reason=\"route_not_found\"} 1.0");
  }

  @ParameterizedTest(name = "Host {0} with Origin {1} -> {2}")
  @CsvSource(
      nullValues = "NONE",
      value = {
        "origins.test, https://app.example.com, 101",
        "origins.test, https://x.example.org, 101",
        "origins.test, https://example.org, 403",
        "origins.test, http://app.example.com, 403",
        "origins.test, https://evil.com, 403",
        "origins.test, NONE, 403",
        "closed.test, https://app.example.com, 403",
        "unknown.org, https://evil.com, 101"
      })
  void checksOriginPerRoute(String host, String origin, int expected) throws Exception {
    TestClient.Options options = new TestClient.Options().host(host).origin(origin);
    if (expected == 101) {
      client(proxy, options).handshake("/").assertEchoes("allowed");
    } else {
      assertThat(TestClient.refusedStatus(group, proxy.port(), options)).isEqualTo(expected);
      upstreams.values().forEach(u -> assertThat(u.handshakes).isEmpty());
    }
  }

  @Test
  void newRouteTableAppliesToNewConnectionsOnly() throws Exception {
    TestClient before = client(proxy, new TestClient.Options().host("swap.test")).handshake("/");
    assertThat(upstreams.get("global").handshakes.poll(CEILING.toSeconds(), TimeUnit.SECONDS))
        .isNotNull();
    proxy
        .context()
        .reloader()
        .offer(map(route("swap.test", upstreams.get("exact").url("ws"), "*")), "test");
    client(proxy, new TestClient.Options().host("swap.test")).handshake("/").assertEchoes("new");
    assertThat(upstreams.get("exact").handshakes.poll(CEILING.toSeconds(), TimeUnit.SECONDS))
        .isNotNull();
    before.assertEchoes("old route still works");
    // each connection's messages reach the upstream of the table it was routed by
    assertThat(upstreams.get("global").received.poll(CEILING.toSeconds(), TimeUnit.SECONDS))
        .extracting(TestUpstream.Received::string)
        .isEqualTo("old route still works");
    assertThat(upstreams.get("exact").received.poll(CEILING.toSeconds(), TimeUnit.SECONDS))
        .extracting(TestUpstream.Received::string)
        .isEqualTo("new");
  }
}
