package io.socketx.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketx.proxy.ProxyServer;
import io.socketx.proxy.relay.CloseCodes;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeepaliveTest extends ProxyTestSupport {

  private ProxyServer proxyWithFastPings(TestUpstream upstream) throws Exception {
    Map<String, String> env = env(map(route("*", upstream.url("ws"), "*")));
    env.put("CLIENT_PING_INTERVAL", "100ms");
    // generous: a loaded CI machine must not fail the responsive client
    env.put("CLIENT_PONG_TIMEOUT", "1s");
    env.put("UPSTREAM_PING_INTERVAL", "100ms");
    env.put("UPSTREAM_PONG_TIMEOUT", "1s");
    return proxy(env);
  }

  @Test
  void closesClientThatStopsAnsweringPings() throws Exception {
    TestUpstream upstream = upstream();
    ProxyServer proxy = proxyWithFastPings(upstream);
    TestClient silent = client(proxy, new TestClient.Options().answerPings(false)).handshake("/");
    TestClient.Closed closed = silent.awaitClose();
    assertThat(closed.code()).isEqualTo(CloseCodes.GOING_AWAY);
    assertThat(closed.reason()).isEqualTo("client pong timeout");
    assertThat(upstream.closes.take())
        .isEqualTo(new TestUpstream.Closed(CloseCodes.GOING_AWAY, "client pong timeout"));
  }

  @Test
  void keepsClientThatAnswersPingsOpen() throws Exception {
    TestUpstream upstream = upstream();
    ProxyServer proxy = proxyWithFastPings(upstream);
    TestClient responsive = client(proxy).handshake("/");
    TestClient silent = client(proxy, new TestClient.Options().answerPings(false)).handshake("/");
    // The silent client's timeout proves several ping rounds passed.
    silent.awaitClose();
    await().atMost(Duration.ofSeconds(5)).until(() -> proxy.connections().size() == 1);
    assertThat(responsive.closed).isNotDone();
    responsive.assertEchoes("alive");
  }

  @Test
  void closesClientWith1014WhenUpstreamStopsAnsweringPings() throws Exception {
    TestUpstream upstream = upstream();
    upstream.answerPings = false;
    ProxyServer proxy = proxyWithFastPings(upstream);
    TestClient client = client(proxy).handshake("/");
    assertThat(client.awaitClose())
        .isEqualTo(new TestClient.Closed(CloseCodes.BAD_GATEWAY, "upstream pong timeout"));
    assertThat(upstream.closes.take())
        .isEqualTo(new TestUpstream.Closed(CloseCodes.GOING_AWAY, "pong timeout"));
  }
}
