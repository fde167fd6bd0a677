package io.socketx.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketx.proxy.ProxyServer;
import io.socketx.proxy.relay.CloseCodes;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The proxy-wide bound on queued outbound bytes ({@code MAX_PENDING_BYTES_TOTAL}): each connection
 * stays within its own bound, but when all of them together go over, the connection that adds to
 * the queue is closed with 1008 and counted, and the others are left alone.
 */
class OutboundMemoryTest extends ProxyTestSupport {
  private static final int CHUNK = 64 * 1024;
  // far more than every kernel socket buffer on the way, so the proxy must queue some of it
  private static final long TOTAL = 256L * 1024 * 1024;

  @Test
  void theConnectionThatTakesTheProxyOverItsQueuedBytesBoundIsClosedWith1008() throws Exception {
    TestUpstream echoing = upstream();
    TestUpstream pushing = upstream();
    pushing.echo = false;
    Map<String, String> env =
        env(map(route("stalled.test", pushing.url("ws"), "*"), route("*", echoing.url("ws"), "*")));
    // one queued chunk is over it, while the connection's own bound (2 MiB) is not reached
    env.put("MAX_PENDING_BYTES_TOTAL", "32Ki");
    env.put("WRITE_TIMEOUT", "0");
    env.put("CLIENT_PING_INTERVAL", "0");
    env.put("UPSTREAM_PING_INTERVAL", "0");
    ProxyServer proxy = proxy(env);
    TestClient bystander = client(proxy).handshake("/");
    TestClient stalled =
        client(proxy, new TestClient.Options().host("stalled.test").receiveBuffer(16 * 1024))
            .handshake("/");
    stalled.channel.config().setAutoRead(false);
    pushing
        .connections
        .poll(CEILING.toSeconds(), TimeUnit.SECONDS)
        .pipeline()
        .addLast(new UpstreamPusher(CHUNK, TOTAL));

    assertThat(pushing.closes.poll(CEILING.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo(new TestUpstream.Closed(CloseCodes.POLICY_VIOLATION, "proxy memory limit"));
    assertThat(metric(proxy, "socketx_overload_closes_total")).isEqualTo(1.0);
    await().atMost(CEILING).until(() -> proxy.connections().size() == 1);
    // the stalled connection's queue went with it: the proxy is under its bound again
    await()
        .atMost(CEILING)
        .until(() -> proxy.context().admission().outboundMemory().queuedBytes() < 32 * 1024);
    bystander.assertEchoes("unaffected");
    assertThat(echoing.closes).isEmpty();
    client(proxy).handshake("/").assertEchoes("admitted again");
  }
}
