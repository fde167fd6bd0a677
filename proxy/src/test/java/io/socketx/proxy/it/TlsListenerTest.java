package io.socketx.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.socketx.proxy.ProxyServer;
import io.socketx.proxy.tls.ServerTls;
import io.socketx.proxy.tls.UpstreamTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The optional TLS listener, and its certificate rotation without restart. */
class TlsListenerTest extends ProxyTestSupport {
  @TempDir Path tmp;

  @Test
  void servesTlsAndPicksUpRotatedCertificate() throws Exception {
    TestPki first = TestPki.create(tmp.resolve("first"), "First CA", true);
    TestPki second = TestPki.create(tmp.resolve("second"), "Second CA", true);
    Path cert = tmp.resolve("tls.crt");
    Path key = tmp.resolve("tls.key");
    Files.copy(first.certFile, cert);
    Files.copy(first.keyFile, key);

    TestUpstream upstream = upstream();
    Map<String, String> env = env(map(route("*", upstream.url("ws"), "*")));
    env.put("TLS_CERT_FILE", cert.toString());
    env.put("TLS_KEY_FILE", key.toString());
    env.put("TLS_RELOAD_INTERVAL", "1s");
    ProxyServer proxy = proxy(env);

    TestClient before =
        client(proxy, new TestClient.Options().tls(first.clientContext())).handshake("/");
    before.assertEchoes("over the first certificate");

    Files.copy(second.keyFile, key, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(second.certFile, cert, StandardCopyOption.REPLACE_EXISTING);
    FileTime later = FileTime.from(Instant.now().plusSeconds(5));
    Files.setLastModifiedTime(cert, later);
    Files.setLastModifiedTime(key, later);

    await()
        .atMost(CEILING)
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              try (TestClient after =
                  TestClient.open(
                      group, proxy.port(), new TestClient.Options().tls(second.clientContext()))) {
                after.handshake("/").assertEchoes("over the second certificate");
              }
            });
    before.assertEchoes("the open connection survived the rotation");
    assertThat(before.closed).isNotDone();
  }

  @Test
  void bothTlsLegsRunOnBoringSsl() throws Exception {
    TestPki pki = TestPki.create(tmp.resolve("provider"), "Provider CA", true);
    SslHandler listener =
        ServerTls.load(pki.certFile, pki.keyFile, "1.2").newHandler(ByteBufAllocator.DEFAULT);
    SslHandler upstream =
        UpstreamTls.create(Optional.empty(), true)
            .newHandler(ByteBufAllocator.DEFAULT, "127.0.0.1", 443);
    try {
      // netty-tcnative ships BoringSSL for linux-x86_64, the platform of the proxy's image
      assertThat(listener.engine()).isInstanceOf(ReferenceCountedOpenSslEngine.class);
      assertThat(upstream.engine()).isInstanceOf(ReferenceCountedOpenSslEngine.class);
    } finally {
      ReferenceCountUtil.release(listener.engine());
      ReferenceCountUtil.release(upstream.engine());
    }
  }

  @Test
  void loadsPkcs1RsaKeyAsCertManagerWritesIt() throws Exception {
    TestPki pki = TestPki.create(tmp.resolve("rsa"), "RSA CA", true, true);
    assertThat(Files.readString(pki.keyFile)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    TestUpstream upstream = upstream();
    Map<String, String> env = env(map(route("*", upstream.url("ws"), "*")));
    env.put("TLS_CERT_FILE", pki.certFile.toString());
    env.put("TLS_KEY_FILE", pki.keyFile.toString());
    ProxyServer proxy = proxy(env);
    client(proxy, new TestClient.Options().tls(pki.clientContext()))
        .handshake("/")
        .assertEchoes("rsa listener");
  }

  @ParameterizedTest(name = "TLS_MIN_VERSION={0}: a TLS 1.2 client is accepted={1}")
  @CsvSource({"1.2, true", "1.3, false"})
  void minimumVersionDecidesWhetherATls12ClientIsServed(String minVersion, boolean accepted)
      throws Exception {
    TestPki pki = TestPki.create(tmp.resolve("min" + minVersion), "Min CA", true);
    TestUpstream upstream = upstream();
    Map<String, String> env = env(map(route("*", upstream.url("ws"), "*")));
    env.put("TLS_CERT_FILE", pki.certFile.toString());
    env.put("TLS_KEY_FILE", pki.keyFile.toString());
    env.put("TLS_MIN_VERSION", minVersion);
    ProxyServer proxy = proxy(env);
    SslContext tls12Only =
        SslContextBuilder.forClient()
            .trustManager(pki.caFile.toFile())
            .protocols("TLSv1.2")
            .build();
    var options = new TestClient.Options().tls(tls12Only);
    if (accepted) {
      client(proxy, options).handshake("/").assertEchoes("over TLS 1.2");
    } else {
      assertThatThrownBy(() -> client(proxy, options).handshake("/"))
          .as("a TLS 1.2 client against a TLS 1.3-only listener fails, not times out")
          .isInstanceOf(java.util.concurrent.ExecutionException.class);
    }
    // TLS 1.3 is always served
    client(proxy, new TestClient.Options().tls(pki.clientContext()))
        .handshake("/")
        .assertEchoes("over TLS 1.3");
  }
}
