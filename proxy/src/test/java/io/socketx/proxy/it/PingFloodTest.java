package io.socketx.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.socketx.proxy.ProxyServer;
import io.socketx.proxy.relay.CloseCodes;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client that sends pings and never reads: the proxy keeps at most one pong in flight and one
 * waiting (RFC 6455 section 5.5.3 lets it answer only the latest ping), so the flood costs no
 * memory; the keepalive, which the flooder never answers, ends it with 1001.
 */
class PingFloodTest extends ProxyTestSupport {
  private static final int MAX_MESSAGE = 4096; // a per-leg bound of about 11 KiB
  private static final int PING_PAYLOAD = 125; // the most a control frame may carry
  private static final int BATCH = 1000;

  private static int flood(TestClient flooder, int batches) {
    return flood(flooder.channel, batches);
  }

  /** Sends {@code batches} batches of pings, waiting for the proxy to read each batch. */
  private static int flood(Channel flooder, int batches) {
    byte[] payload = new byte[PING_PAYLOAD];
    int sent = 0;
    for (int b = 0; b < batches && flooder.isActive(); b++) {
      // the flooder's own writes wait for the proxy to read, so nothing piles up on this side
      await().atMost(CEILING).until(() -> flooder.isWritable() || !flooder.isActive());
      for (int i = 0; i < BATCH; i++) {
        flooder.write(new PingWebSocketFrame(Unpooled.wrappedBuffer(payload)));
      }
      flooder.flush();
      sent += BATCH;
    }
    await().atMost(CEILING).until(() -> pendingIn(flooder) == 0 || !flooder.isActive());
    return sent;
  }

  private static long pendingIn(Channel channel) {
    ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
    return buffer == null ? 0 : buffer.totalPendingWriteBytes();
  }

  private ProxyServer proxy(TestUpstream upstream, String pingInterval, String pongTimeout)
      throws Exception {
    Map<String, String> env = env(map(route("*", upstream.url("ws"), "*")));
    env.put("MAX_MESSAGE_SIZE", Integer.toString(MAX_MESSAGE));
    env.put("CLIENT_PING_INTERVAL", pingInterval);
    env.put("CLIENT_PONG_TIMEOUT", pongTimeout);
    return proxy(env);
  }

  @Test
  void aPingFloodFromAClientThatDoesNotReadQueuesNoPongsAndTheSessionSurvives() throws Exception {
    TestUpstream upstream = upstream();
    ProxyServer proxy = proxy(upstream, "0", "60s");
    TestClient bystander = client(proxy).handshake("/");
    TestClient flooder =
        client(proxy, new TestClient.Options().receiveBuffer(16 * 1024)).handshake("/");
    flooder.channel.config().setAutoRead(false);

    // 16 MiB of pings: answered one by one they would be 1,500 times the per-leg bound
    int pings = flood(flooder, 128);

    assertThat(proxy.connections().pendingToClientBytes()).isLessThan(1024);
    flooder.channel.config().setAutoRead(true);
    // ordered behind every ping: the proxy read them all and the session is still open
    flooder.assertEchoes("still open after " + pings + " pings");
    assertThat(upstream.closes).isEmpty();
    // only what the kernel's socket buffers held, plus the latest ping's answer
    assertThat(flooder.pongs.get()).isPositive().isLessThan(pings / 2);
    bystander.assertEchoes("unaffected by the flood");
  }

  @Test
  void aPingFloodFromAnUpstreamThatDoesNotReadQueuesNoPongs() throws Exception {
    TestUpstream upstream = upstream();
    Map<String, String> env = env(map(route("*", upstream.url("ws"), "*")));
    env.put("MAX_MESSAGE_SIZE", Integer.toString(MAX_MESSAGE));
    env.put("UPSTREAM_PING_INTERVAL", "0");
    env.put("CLIENT_PING_INTERVAL", "0");
    ProxyServer proxy = proxy(env);
    TestClient client = client(proxy).handshake("/");
    Channel flooder = upstream.connections.poll(CEILING.toSeconds(), TimeUnit.SECONDS);
    flooder.config().setAutoRead(false);

    int pings = flood(flooder, 128);

    assertThat(proxy.connections().pendingToUpstreamBytes()).isLessThan(1024);
    flooder.config().setAutoRead(true);
    flooder.read();
    client.assertEchoes("still open after " + pings + " pings from the upstream");
    assertThat(upstream.closes).isEmpty();
  }

  @Test
  void aFlooderThatNeverAnswersTheKeepaliveIsClosedWith1001AndGetsTheCloseFrame() throws Exception {
    TestUpstream upstream = upstream();
    ProxyServer proxy = proxy(upstream, "100ms", "1s");
    TestClient bystander = client(proxy).handshake("/");
    TestClient flooder =
        client(proxy, new TestClient.Options().receiveBuffer(16 * 1024)).handshake("/");
    flooder.channel.config().setAutoRead(false);

    flood(flooder, 16);

    // the flooder's pings are no answer to the proxy's: the keepalive ends the session
    assertThat(upstream.closes.poll(CEILING.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo(new TestUpstream.Closed(CloseCodes.GOING_AWAY, "client pong timeout"));
    // nothing but at most one pong is queued ahead of the close frame: reading again, the
    // flooder gets it instead of a reset
    flooder.channel.config().setAutoRead(true);
    assertThat(flooder.awaitClose())
        .isEqualTo(new TestClient.Closed(CloseCodes.GOING_AWAY, "client pong timeout"));
    await().atMost(CEILING).until(() -> proxy.connections().size() == 1);
    bystander.assertEchoes("unaffected by the flood");
  }

  @Test
  void aClientPingingFasterThanItsBudgetIsClosedWith1008AndCounted() throws Exception {
    TestUpstream upstream = upstream();
    Map<String, String> env = env(map(route("*", upstream.url("ws"), "*")));
    env.put("CLIENT_PING_RATE_LIMIT", "2");
    // a ticker that never moves: the budget holds its burst (twice the rate) and never refills
    ProxyServer proxy = proxy(env, () -> 0L);
    TestClient bystander = client(proxy).handshake("/");
    TestClient pinger = client(proxy).handshake("/");

    for (int i = 1; i <= 4; i++) {
      pinger.channel.writeAndFlush(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1})));
      int answered = i;
      await().atMost(CEILING).until(() -> pinger.pongs.get() == answered);
    }
    pinger.assertEchoes("within its budget");
    pinger.channel.writeAndFlush(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1})));

    assertThat(pinger.awaitClose())
        .isEqualTo(new TestClient.Closed(CloseCodes.POLICY_VIOLATION, "ping rate exceeded"));
    assertThat(upstream.closes.poll(CEILING.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo(new TestUpstream.Closed(CloseCodes.POLICY_VIOLATION, "ping rate exceeded"));
    assertThat(metric(proxy, "socketx_policy_closes_total{reason=\"ping_rate\"}")).isEqualTo(1.0);
    bystander.assertEchoes("unaffected");
  }
}
