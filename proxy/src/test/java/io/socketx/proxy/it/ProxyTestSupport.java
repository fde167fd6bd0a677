package io.socketx.proxy.it;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.socketx.billing.MessageMeter;
import io.socketx.proxy.ProxyServer;
import io.socketx.proxy.config.ConfigLoader;
import io.socketx.proxy.metrics.ProxyMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** Starts proxies and upstreams on 127.0.0.1 and closes them after each test. */
abstract class ProxyTestSupport {
  /**
   * How long a test waits for something that must happen: generous, because a busy machine delays
   * it but never prevents it. A passing test never waits this long.
   */
  static final Duration CEILING = Duration.ofSeconds(60);

  static EventLoopGroup group;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<ProxyServer> proxies = new ArrayList<>();

  @BeforeAll
  static void startGroup() {
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stopGroup() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable r : resources) {
      r.close();
    }
    for (ProxyServer p : proxies) {
      p.shutdown(Duration.ZERO);
    }
  }

  /**
   * Base settings for tests: loopback, ephemeral ports, no start-up warm-up (HandshakeWarmupTest),
   * loopback upstreams allowed, no admission limits nor proxy-wide memory bound, the test identity
   * key.
   */
  static Map<String, String> env(String domainMap) {
    Map<String, String> env = new HashMap<>();
    env.put("LISTEN_HOST", "127.0.0.1");
    env.put("LISTEN_PORT", "0");
    env.put("HANDSHAKE_WARMUP", "0");
    env.put("DOMAIN_MAP", domainMap);
    env.put("ADMIN_HOST", "127.0.0.1");
    env.put("ADMIN_PORT", "0");
    // every test upstream is on 127.0.0.1: allowed explicitly, as the demo does
    env.put("UPSTREAM_ALLOW", "loopback");
    // tests open many connections from 127.0.0.1 at once; AdmissionTest sets its own limits
    for (String limit :
        List.of(
            "MAX_CONNECTIONS",
            "MAX_CONCURRENT_HANDSHAKES",
            "MAX_CONCURRENT_HANDSHAKES_PER_SOURCE",
            "MAX_PENDING_BYTES_TOTAL",
            "CLIENT_PING_RATE_LIMIT",
            "HANDSHAKE_RATE",
            "HANDSHAKE_RATE_PER_SOURCE")) {
      env.put(limit, "0");
    }
    env.put("IDENTITY_KEY_FILE", TestIdentity.FILE.toString());
    return env;
  }

  /** A one-route domain map. */
  static String route(String host, String upstream, String... origins) {
    StringBuilder list = new StringBuilder();
    for (String o : origins) {
      list.append(list.length() == 0 ? "" : ",").append('"').append(o).append('"');
    }
    return "\""
        + host
        + "\": {\"upstream\": \""
        + upstream
        + "\", \"allowedOrigins\": ["
        + list
        + "]}";
  }

  static String map(String... routes) {
    return "{" + String.join(",", routes) + "}";
  }

  /** A proxy routing every host and origin to {@code upstream}. */
  ProxyServer proxyTo(TestUpstream upstream) throws Exception {
    return proxy(env(map(route("*", upstream.url("ws"), "*"))));
  }

  ProxyServer proxy(Map<String, String> env) throws Exception {
    return proxy(env, MessageMeter.NOOP);
  }

  ProxyServer proxy(Map<String, String> env, MessageMeter meter) throws Exception {
    return proxy(env, meter, System::nanoTime);
  }

  /** A proxy whose rate limits read {@code nanoTicker}: a frozen ticker never refills a bucket. */
  ProxyServer proxy(Map<String, String> env, LongSupplier nanoTicker) throws Exception {
    return proxy(env, MessageMeter.NOOP, nanoTicker);
  }

  private ProxyServer proxy(Map<String, String> env, MessageMeter meter, LongSupplier nanoTicker)
      throws Exception {
    ProxyServer server =
        new ProxyServer(ConfigLoader.load(env), new ProxyMetrics(), meter, nanoTicker).start();
    proxies.add(server);
    return server;
  }

  TestUpstream upstream() throws Exception {
    return upstream(null, 64 * 1024 * 1024);
  }

  TestUpstream upstream(io.netty.handler.ssl.SslContext tls, int maxMessage) throws Exception {
    return track(new TestUpstream(group, tls, maxMessage));
  }

  TestClient client(ProxyServer proxy, TestClient.Options options) throws Exception {
    return track(TestClient.open(group, proxy.port(), options));
  }

  TestClient client(ProxyServer proxy) throws Exception {
    return client(proxy, new TestClient.Options());
  }

  <T extends AutoCloseable> T track(T resource) {
    resources.add(0, resource);
    return resource;
  }

  /** Whether a new connection for {@code host} through {@code proxy} lands on {@code upstream}. */
  static boolean reaches(ProxyServer proxy, String host, TestUpstream upstream) throws Exception {
    upstream.handshakes.clear();
    try (TestClient c = TestClient.open(group, proxy.port(), new TestClient.Options().host(host))) {
      c.handshake("/");
      c.assertEchoes("probe");
    }
    return upstream.handshakes.poll(1, TimeUnit.SECONDS) != null;
  }

  /** A GET on the public port. */
  static HttpResponse<String> get(ProxyServer proxy, String path) throws Exception {
    return get(proxy.port(), path);
  }

  /** A GET on the admin port (/healthz, /readyz, /metrics). */
  static HttpResponse<String> admin(ProxyServer proxy, String path) throws Exception {
    return get(proxy.adminPort(), path);
  }

  /**
   * The value of one series on the admin port's {@code /metrics}, e.g. {@code
   * socketx_pending_bytes{leg="client"}}.
   */
  static double metric(ProxyServer proxy, String series) throws Exception {
    String prefix = series + " ";
    return admin(proxy, "/metrics")
        .body()
        .lines()
        .filter(line -> line.startsWith(prefix))
        .mapToDouble(line -> Double.parseDouble(line.substring(prefix.length())))
        // NaN is a gauge whose state object was collected, which a cast to long would read as 0
        .filter(value -> !Double.isNaN(value))
        .findFirst()
        .orElseThrow(() -> new AssertionError(series + " is missing or NaN in /metrics"));
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(CEILING).build();
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(CEILING)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
