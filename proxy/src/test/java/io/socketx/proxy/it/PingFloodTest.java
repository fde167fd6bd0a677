package io.socketx.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.socketx.proxy.ProxyServer;
import io.socketx.proxy.relay.CloseCodes;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client that sends pings and never reads makes the proxy queue a pong for each: the queue is
 * bounded like any other, and the flooding connection alone is closed with 1008.
 */
class PingFloodTest extends ProxyTestSupport {
  private static final int MAX_MESSAGE = 4096;
  private static final int PING_PAYLOAD = 125; // the most a control frame may carry
  private static final int BATCH = 1000;
  // far more pong bytes than the per-leg bound plus every kernel socket buffer on the way
  private static final int MAX_BATCHES = 1000;

  @Test
  void closesAClientThatFloodsPingsWithoutReadingWith1008() throws Exception {
    TestUpstream upstream = upstream();
    Map<String, String> env = env(map(route("*", upstream.url("ws"), "*")));
    env.put("MAX_MESSAGE_SIZE", Integer.toString(MAX_MESSAGE));
    env.put("CLIENT_PING_INTERVAL", "0");
    ProxyServer proxy = proxy(env);
    TestClient bystander = client(proxy).handshake("/");
    TestClient flooder =
        client(proxy, new TestClient.Options().receiveBuffer(16 * 1024)).handshake("/");
    flooder.channel.config().setAutoRead(false);

    byte[] payload = new byte[PING_PAYLOAD];
    int batches = 0;
    while (upstream.closes.isEmpty() && flooder.channel.isActive() && batches < MAX_BATCHES) {
      // the flooder's own writes wait for the proxy to read, so nothing piles up on this side
      await()
          .atMost(CEILING)
          .until(() -> flooder.channel.isWritable() || !upstream.closes.isEmpty());
      for (int i = 0; i < BATCH; i++) {
        flooder.channel.write(new PingWebSocketFrame(Unpooled.wrappedBuffer(payload)));
      }
      flooder.channel.flush();
      batches++;
    }

    assertThat(upstream.closes.poll(CEILING.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo(new TestUpstream.Closed(CloseCodes.POLICY_VIOLATION, "buffer limit exceeded"));
    // the flooder never reads its close frame: the proxy gives up on it after the close grace
    await().atMost(CEILING).until(() -> proxy.connections().size() == 1);
    bystander.assertEchoes("unaffected by the flood");
  }
}
