package io.socketx.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.socketx.proxy.ProxyServer;
import io.socketx.proxy.relay.CloseCodes;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What SIGTERM triggers: stop accepting, drain, then close the rest with 1001. */
class ShutdownTest extends ProxyTestSupport {

  @Test
  void drainsThenClosesOpenConnectionsWith1001() throws Exception {
    TestUpstream upstream = upstream();
    Map<String, String> env = env(map(route("*", upstream.url("ws"), "*")));
    ProxyServer proxy = proxy(env);
    int port = proxy.port();
    TestClient open = client(proxy).handshake("/");
    TestClient leaving = client(proxy).handshake("/");

    CompletableFuture<Void> shutdown =
        CompletableFuture.runAsync(
            () -> {
              try {
                proxy.shutdown(Duration.ofSeconds(30));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    // Not ready and not accepting any more, while open connections keep working.
    await().atMost(CEILING).until(() -> !proxy.context().ready().get());
    await()
        .atMost(CEILING)
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
                    .isInstanceOf(ConnectException.class));
    open.assertEchoes("during drain");

    // A connection that ends by itself during the drain is not cut short.
    leaving.sendRaw(new io.netty.handler.codec.http.websocketx.CloseWebSocketFrame(1000, "done"));
    assertThat(leaving.awaitClose()).isEqualTo(new TestClient.Closed(1000, "done"));
    await().atMost(CEILING).until(() -> proxy.connections().size() == 1);
    assertThat(shutdown).isNotDone();
  }

  @Test
  void closesRemainingConnectionsWith1001AfterDrainPeriod() throws Exception {
    TestUpstream upstream = upstream();
    ProxyServer proxy = proxyTo(upstream);
    TestClient open = client(proxy).handshake("/");
    proxy.shutdown(Duration.ofMillis(200));
    assertThat(open.awaitClose())
        .isEqualTo(new TestClient.Closed(CloseCodes.GOING_AWAY, "server shutting down"));
    assertThat(upstream.closes.poll(CEILING.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo(new TestUpstream.Closed(CloseCodes.GOING_AWAY, "server shutting down"));
    assertThat(proxy.connections().size()).isZero();
  }
}
