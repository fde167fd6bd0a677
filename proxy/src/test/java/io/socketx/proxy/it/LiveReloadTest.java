package io.socketx.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketx.contract.domainmap.DomainMapDocument;
import io.socketx.proxy.ProxyServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Route changes from a watched DOMAIN_MAP_FILE, applied live through a real proxy. */
class LiveReloadTest extends ProxyTestSupport {
  private static final Duration WAIT = CEILING;

  @TempDir Path dir;

  private Path file;

  private ProxyServer proxyWatching(String domainMap, String drain) throws Exception {
    file = dir.resolve("domain-map.json");
    Files.writeString(file, domainMap);
    Map<String, String> env = env("{}");
    env.remove("DOMAIN_MAP");
    env.put("DOMAIN_MAP_FILE", file.toString());
    env.put("ROUTE_DRAIN_PERIOD", drain);
    return proxy(env);
  }

  private void rewrite(String domainMap) throws Exception {
    Path tmp = dir.resolve("next.json");
    Files.writeString(tmp, domainMap);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void newConnectionsFollowAnUpstreamChangeWhileOpenOnesKeepTheirs() throws Exception {
    TestUpstream a = upstream();
    TestUpstream b = upstream();
    ProxyServer proxy = proxyWatching(map(route("app.test", a.url("ws"), "*")), "0s");
    TestClient open = client(proxy, new TestClient.Options().host("app.test")).handshake("/");
    open.assertEchoes("before");

    rewrite(map(route("app.test", b.url("ws"), "*")));

    await().atMost(WAIT).ignoreExceptions().until(() -> reaches(proxy, "app.test", b));
    open.assertEchoes("after: still connected to a");
    assertThat(b.handshakes).isEmpty();
  }

  @Test
  void connectionsOfARemovedRouteAreClosedWith1001AfterTheDrainPeriod() throws Exception {
    TestUpstream a = upstream();
    ProxyServer proxy =
        proxyWatching(
            map(route("gone.test", a.url("ws"), "*"), route("kept.test", a.url("ws"), "*")),
            "200ms");
    TestClient doomed = client(proxy, new TestClient.Options().host("gone.test")).handshake("/");
    TestClient kept = client(proxy, new TestClient.Options().host("kept.test")).handshake("/");

    rewrite(map(route("kept.test", a.url("ws"), "*")));

    TestClient.Closed closed = doomed.awaitClose();
    assertThat(closed.code()).isEqualTo(1001);
    assertThat(closed.reason()).isEqualTo("route removed");
    kept.assertEchoes("unaffected");
  }

  @Test
  void connectionsWhoseOriginIsNoLongerAllowedAreDrained() throws Exception {
    TestUpstream a = upstream();
    ProxyServer proxy = proxyWatching(map(route("app.test", a.url("ws"), "*")), "0s");
    TestClient other =
        client(proxy, new TestClient.Options().host("app.test").origin("https://evil.example"))
            .handshake("/");
    TestClient allowed =
        client(proxy, new TestClient.Options().host("app.test").origin("https://app.example.com"))
            .handshake("/");

    rewrite(map(route("app.test", a.url("ws"), "https://app.example.com")));

    assertThat(other.awaitClose().code()).isEqualTo(1001);
    allowed.assertEchoes("still allowed");
  }

  @Test
  void anInvalidUpdateIsRejectedCountedAndTheLastGoodRoutesStay() throws Exception {
    TestUpstream a = upstream();
    String good = map(route("app.test", a.url("ws"), "*"));
    ProxyServer proxy = proxyWatching(good, "0s");

    rewrite("{\"app.test\": {\"upstream\": \"http://not-ws\", \"allowedOrigins\": [\"*\"]}}");

    await()
        .atMost(WAIT)
        .until(
            () ->
                admin(proxy, "/metrics")
                    .body()
                    .contains("socketx_route_reloads_total{result=\"rejected\"} 1.0"));
    HttpResponse<String> ready = admin(proxy, "/readyz");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains(DomainMapDocument.hashOf(good));
    assertThat(reaches(proxy, "app.test", a)).isTrue();
  }

  @Test
  void readyzAndMetricsReportTheServedConfigHash() throws Exception {
    TestUpstream a = upstream();
    String domainMap = map(route("*", a.url("ws"), "*"));
    ProxyServer proxy = proxy(env(domainMap));

    HttpResponse<String> ready = admin(proxy, "/readyz");

    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body())
        .contains("\"configHash\":\"" + DomainMapDocument.hashOf(domainMap) + "\"")
        .contains("\"routeSource\":\"env:DOMAIN_MAP\"");
    assertThat(admin(proxy, "/metrics").body())
        .contains("socketx_route_config_info{hash=\"" + DomainMapDocument.hashOf(domainMap) + "\"");
  }
}
