package io.socketx.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.socketx.protocol.MessageType;
import io.socketx.protocol.ProtocolException;
import io.socketx.proxy.ProxyServer;
import io.socketx.proxy.relay.CloseCodes;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The proxy's close frame reaches a client that is still sending when the proxy closes it. */
class ClosingHandshakeTest extends ProxyTestSupport {
  private static final int ROUNDS = 20;

  @Test
  void aClientStillSendingGetsTheUpstreamsCloseFrameNotAReset() throws Exception {
    TestUpstream upstream = upstream();
    upstream.echo = false;
    upstream.keep = false;
    ProxyServer proxy = proxyTo(upstream);

    for (int round = 0; round < ROUNDS; round++) {
      TestClient client = client(proxy).handshake("/");
      Channel up = upstream.connections.poll(CEILING.toSeconds(), TimeUnit.SECONDS);
      long before = upstream.receivedMessages.get();
      Flood flood = new Flood(client);
      client.channel.eventLoop().execute(flood);
      await().atMost(CEILING).until(() -> upstream.receivedMessages.get() > before);

      up.writeAndFlush(new CloseWebSocketFrame(4000, "bye " + round));

      // Closing the client's socket with its messages unread would make the kernel send a reset,
      // which overtakes the close frame still waiting in the client's receive buffer.
      // the upstream's code travels in the authenticated CLOSE record (RelayTest); the frame is
      // 1000
      assertThat(client.awaitClose())
          .as("round %d", round)
          .isEqualTo(new TestClient.Closed(CloseCodes.NORMAL, ""));
      flood.stop = true;
    }
    await().atMost(CEILING).until(() -> proxy.connections().size() == 0);
  }

  /** Sends 16 KiB records on the client's event loop until stopped or closed. */
  private static final class Flood implements Runnable {
    private final TestClient client;
    private final byte[] chunk = new byte[16 * 1024];
    volatile boolean stop;

    Flood(TestClient client) {
      this.client = client;
    }

    @Override
    public void run() {
      if (stop || !client.channel.isActive() || client.closed.isDone()) {
        return;
      }
      try {
        // a few per turn, so the event loop still reads what the proxy sends
        for (int i = 0; i < 8 && client.channel.isWritable(); i++) {
          client.send(MessageType.BINARY, chunk);
        }
      } catch (ProtocolException e) {
        throw new IllegalStateException(e);
      }
      client.channel.eventLoop().schedule(this, 200, TimeUnit.MICROSECONDS);
    }
  }
}
