package io.socketx.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketx.proxy.ProxyServer;
import io.socketx.proxy.relay.CloseCodes;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeepaliveTest extends ProxyTestSupport {

  /** Pings every 100 ms; a peer that does not answer within {@code pongTimeout} is closed. */
  private ProxyServer proxyWithFastPings(TestUpstream upstream, String pongTimeout)
      throws Exception {
    Map<String, String> env = env(map(route("*", upstream.url("ws"), "*")));
    env.put("CLIENT_PING_INTERVAL", "100ms");
    env.put("CLIENT_PONG_TIMEOUT", pongTimeout);
    env.put("UPSTREAM_PING_INTERVAL", "100ms");
    env.put("UPSTREAM_PONG_TIMEOUT", pongTimeout);
    return proxy(env);
  }

  private ProxyServer proxyWithFastPings(TestUpstream upstream) throws Exception {
    return proxyWithFastPings(upstream, "1s");
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
    // a pong timeout no scheduling delay reaches: only a missing pong could close the client
    ProxyServer proxy = proxyWithFastPings(upstream, "30s");
    TestClient responsive = client(proxy).handshake("/");
    // the proxy sends its next ping only once the last one was answered: five pings prove that
    // four pongs were received and counted
    await().atMost(CEILING).until(() -> responsive.pings.get() >= 5);
    assertThat(responsive.closed).isNotDone();
    assertThat(proxy.connections().size()).isEqualTo(1);
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
