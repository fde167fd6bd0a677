package io.socketx.proxy.it;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.socketx.protocol.v2.Event;
import io.socketx.proxy.ProxyServer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A slow reader must stop the proxy from reading the other side instead of buffering. */
class BackpressureTest extends ProxyTestSupport {
  private static final int CHUNK = 64 * 1024;
  private static final long TOTAL = 100L * 1024 * 1024;

  @Test
  void boundsBufferingWhileUpstreamPushes100MbAtStalledClient() throws Exception {
    TestUpstream upstream = upstream();
    upstream.echo = false;
    ProxyServer proxy = patientProxy(upstream);
    TestClient client = client(proxy).handshake("/");
    client.channel.config().setAutoRead(false);

    Channel up = upstream.connections.poll(CEILING.toSeconds(), TimeUnit.SECONDS);
    UpstreamPusher pusher = new UpstreamPusher(CHUNK, TOTAL);
    up.pipeline().addLast(pusher);

    // Stalled: the proxy holds unsent bytes for the client and, no longer reading the upstream,
    // lets the upstream's own buffer fill up.
    await().atMost(CEILING).until(() -> !up.isWritable() && pendingToClient(proxy) > 0);
    long bound = maxPending(proxy);
    assertThat(pendingToClient(proxy)).isLessThanOrEqualTo(bound);
    assertThat(pendingToUpstream(proxy)).isZero();
    assertThat(pusher.sent.get()).isLessThan(TOTAL);

    // Everything arrives, in order, once the client reads again.
    client.channel.config().setAutoRead(true);
    long received = 0;
    long expectedIndex = 0;
    while (received < TOTAL) {
      Event.Data data = client.receive();
      ByteBuffer payload = data.payload();
      assertThat(payload.remaining()).isEqualTo(CHUNK);
      assertThat(payload.getLong(0)).isEqualTo(expectedIndex++);
      received += payload.remaining();
      if (expectedIndex % 64 == 0) {
        assertThat(pendingToClient(proxy)).isLessThanOrEqualTo(bound);
      }
    }
    assertThat(received).isEqualTo(TOTAL);
  }

  @Test
  void boundsBufferingWhileClientPushes100MbAtStalledUpstream() throws Exception {
    TestUpstream upstream = upstream();
    upstream.echo = false;
    upstream.keep = false;
    ProxyServer proxy = patientProxy(upstream);
    TestClient client = client(proxy).handshake("/");
    Channel up = upstream.connections.poll(CEILING.toSeconds(), TimeUnit.SECONDS);
    up.config().setAutoRead(false);

    // The test thread pushes records while the client channel is writable.
    AtomicLong sent = new AtomicLong();
    Thread pushing =
        new Thread(
            () -> {
              try {
                long index = 0;
                while (sent.get() < TOTAL) {
                  if (!client.channel.isWritable()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                    continue;
                  }
                  byte[] chunk = new byte[CHUNK];
                  ByteBuffer.wrap(chunk).putLong(index++);
                  client.send(io.socketx.protocol.MessageType.BINARY, chunk);
                  sent.addAndGet(CHUNK);
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    pushing.setDaemon(true);
    pushing.start();

    long bound = maxPending(proxy);
    await()
        .atMost(CEILING)
        .until(() -> !client.channel.isWritable() && pendingToUpstream(proxy) > 0);
    assertThat(pendingToUpstream(proxy)).isLessThanOrEqualTo(bound);
    assertThat(sent.get()).isLessThan(TOTAL);

    up.config().setAutoRead(true);
    up.read();
    await()
        .atMost(CEILING)
        .untilAsserted(() -> assertThat(upstream.receivedBytes.get()).isEqualTo(TOTAL));
    assertThat(upstream.receivedMessages.get()).isEqualTo(TOTAL / CHUNK);
    pushing.join(5_000);
  }

  @Test
  void closesWhenWritesToStalledClientTimeOut() throws Exception {
    TestUpstream upstream = upstream();
    upstream.echo = false;
    Map<String, String> env = env(map(route("*", upstream.url("ws"), "*")));
    env.put("WRITE_TIMEOUT", "300ms");
    env.put("CLIENT_PING_INTERVAL", "0");
    ProxyServer proxy = proxy(env);
    TestClient client = client(proxy).handshake("/");
    client.channel.config().setAutoRead(false);
    upstream
        .connections
        .poll(CEILING.toSeconds(), TimeUnit.SECONDS)
        .pipeline()
        .addLast(new UpstreamPusher(CHUNK, TOTAL));
    // The upstream is still pushing when the proxy gives up on the client: its close frame must
    // reach the upstream all the same (no reset that overtakes it).
    assertThat(upstream.closes.poll(CEILING.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo(new TestUpstream.Closed(1001, "client write timeout"));
    await().atMost(CEILING).until(() -> proxy.connections().size() == 0);
  }

  @Test
  void keepsASlowButSteadyClientWhoseOneMessageOutlastsTheWriteTimeout() throws Exception {
    int size = 16 * 1024 * 1024;
    TestUpstream upstream = upstream();
    upstream.echo = false;
    Map<String, String> env = env(map(route("*", upstream.url("ws"), "*")));
    // long enough that a busy machine's scheduling stall in the reader is not mistaken for a stall
    env.put("WRITE_TIMEOUT", "2s");
    env.put("MAX_MESSAGE_SIZE", Integer.toString(size));
    env.put("CLIENT_PING_INTERVAL", "0");
    env.put("UPSTREAM_PING_INTERVAL", "0");
    ProxyServer proxy = proxy(env);
    TestClient client =
        client(proxy, new TestClient.Options().receiveBuffer(16 * 1024)).handshake("/");
    client.channel.config().setAutoRead(false);
    client.channel.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(16 * 1024));
    ReadPacer pacer = new ReadPacer();
    client.channel.pipeline().addFirst(pacer);
    Channel up = upstream.connections.poll(CEILING.toSeconds(), TimeUnit.SECONDS);
    byte[] big = new byte[size];
    new Random(1).nextBytes(big);

    up.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(big)));
    // 16 KiB every 10 ms: the one 16 MiB record needs over 10 s to leave the proxy (five write
    // timeouts), yet its bytes never stop moving, so the proxy must not give up on the client
    ScheduledFuture<?> reading =
        client.channel.eventLoop().scheduleAtFixedRate(pacer::readOnce, 10, 10, MILLISECONDS);
    try {
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> !client.frames.isEmpty() || !client.channel.isActive());
      assertThat(client.channel.isActive()).as("the proxy kept the client").isTrue();
      assertThat(client.receive().payload()).isEqualTo(ByteBuffer.wrap(big));
      assertThat(proxy.connections().size()).isEqualTo(1);
    } finally {
      reading.cancel(false);
    }
  }

  /**
   * Sits next to the socket and lets reads through only when told: the WebSocket decoder above it
   * would otherwise ask for the next read as soon as a frame is incomplete.
   */
  private static final class ReadPacer extends ChannelOutboundHandlerAdapter {
    private ChannelHandlerContext ctx;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
      // swallowed: only readOnce reads
    }

    void readOnce() {
      ctx.read();
    }
  }

  /** A proxy that neither times out a stalled write nor pings during the test. */
  private ProxyServer patientProxy(TestUpstream upstream) throws Exception {
    Map<String, String> env = env(map(route("*", upstream.url("ws"), "*")));
    env.put("WRITE_TIMEOUT", "60s");
    env.put("CLIENT_PING_INTERVAL", "0");
    env.put("UPSTREAM_PING_INTERVAL", "0");
    return proxy(env);
  }

  /** What the proxy holds unsent toward clients, as its metrics report it. */
  private static long pendingToClient(ProxyServer proxy) throws Exception {
    return (long) metric(proxy, "socketx_pending_bytes{leg=\"client\"}");
  }

  /** What the proxy holds unsent toward upstreams, as its metrics report it. */
  private static long pendingToUpstream(ProxyServer proxy) throws Exception {
    return (long) metric(proxy, "socketx_pending_bytes{leg=\"upstream\"}");
  }

  private static long maxPending(ProxyServer proxy) {
    var c = proxy.context().config();
    return 2L * (c.maxMessageSize() + c.readBufferSize()) + c.writeBufferSize();
  }
}
