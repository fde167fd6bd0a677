package io.socketx.contract.env;

import static io.socketx.contract.env.ConfigParameter.bool;
import static io.socketx.contract.env.ConfigParameter.duration;
import static io.socketx.contract.env.ConfigParameter.integer;
import static io.socketx.contract.env.ConfigParameter.oneOf;
import static io.socketx.contract.env.ConfigParameter.oneOfIntegers;
import static io.socketx.contract.env.ConfigParameter.string;

import io.socketx.contract.upstream.UpstreamPolicy;
import io.socketx.contract.upstream.UpstreamRule;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The proxy's environment variables with their types, ranges and defaults: the proxy reads them
 * with these parameters and the operator checks what it writes into a pod with the same ones. See
 * docs/configuration.md.
 */
public final class ProxyEnv {
  private static final Duration NEVER = Duration.ZERO;
  private static final Duration MS = Duration.ofMillis(1);
  private static final Duration ONE_HOUR = Duration.ofHours(1);
  private static final int MAX_BUFFER = 16 * 1024 * 1024;
  private static final int MAX_MESSAGE = 64 * 1024 * 1024;
  private static final long MAX_BYTE_SIZE = 1L << 40;

  // Seed defaults (docs/migrating-from-socketx-server.md): ML-KEM-512 minimum, 1 KiB buffers,
  // 54 s pings with a 60 s pong timeout; our clients still offer ML-KEM-768 first.
  private static final int SEED_KYBER_STRENGTH = 512;
  private static final int SEED_BUFFER_SIZE = 1024;
  private static final Duration SEED_PING_INTERVAL = Duration.ofSeconds(54);
  private static final Duration SEED_PONG_TIMEOUT = Duration.ofSeconds(60);

  public static final ConfigParameter<String> LISTEN_HOST = string("LISTEN_HOST", "0.0.0.0");
  public static final ConfigParameter<Integer> LISTEN_PORT = integer("LISTEN_PORT", 8080, 0, 65535);

  /** The routes as DOMAIN_MAP JSON, when not read from a ConfigMap or file. */
  public static final ConfigParameter<String> DOMAIN_MAP = string("DOMAIN_MAP", "{}");

  public static final ConfigParameter<String> DOMAIN_MAP_FILE = string("DOMAIN_MAP_FILE", null);
  public static final ConfigParameter<String> CONFIGMAP_NAMESPACE =
      string("DOMAIN_MAP_CONFIGMAP_NAMESPACE", null);
  public static final ConfigParameter<String> CONFIGMAP_NAME =
      ConfigParameter.of("DOMAIN_MAP_CONFIGMAP_NAME", null, ProxyEnv::configMapName);
  public static final ConfigParameter<Duration> ROUTE_DRAIN_PERIOD =
      duration("ROUTE_DRAIN_PERIOD", Duration.ofSeconds(30), NEVER, ONE_HOUR);
  public static final ConfigParameter<Duration> INSTANCE_HEARTBEAT_TTL =
      duration("INSTANCE_HEARTBEAT_TTL", Duration.ofSeconds(30), Duration.ofSeconds(3), ONE_HOUR);

  public static final ConfigParameter<String> MTE_COMPANY_NAME = string("MTE_COMPANY_NAME", "");

  /** A secret: never logged, never echoed in a message. */
  public static final ConfigParameter<String> MTE_LICENSE_KEY = string("MTE_LICENSE_KEY", null);

  public static final ConfigParameter<Integer> KYBER_STRENGTH =
      oneOfIntegers("MTE_KYBER_STRENGTH", SEED_KYBER_STRENGTH, Set.of(0, 512, 768, 1024));
  public static final ConfigParameter<Integer> DECODER_WINDOW_SIZE =
      integer("MTE_DECODER_WINDOW_SIZE", 1000, 1, 1_000_000);

  /** In-memory handshakes before the proxy reports ready. */
  public static final ConfigParameter<Integer> HANDSHAKE_WARMUP =
      integer("HANDSHAKE_WARMUP", 1000, 0, 100_000);

  /**
   * Where AES-256-GCM for SocketX records comes from: {@code accp} (Amazon Corretto Crypto
   * Provider, native AWS-LC), {@code jdk}, or {@code auto}: ACCP when it loads and passes its
   * self-tests, else the JDK's.
   */
  public static final ConfigParameter<String> CRYPTO_PROVIDER =
      oneOf("CRYPTO_PROVIDER", "auto", Set.of("auto", "jdk", "accp"));

  public static final ConfigParameter<Integer> READ_BUFFER_SIZE =
      integer("WS_READ_BUFFER_SIZE", SEED_BUFFER_SIZE, 256, MAX_BUFFER);
  public static final ConfigParameter<Integer> WRITE_BUFFER_SIZE =
      integer("WS_WRITE_BUFFER_SIZE", SEED_BUFFER_SIZE, 256, MAX_BUFFER);
  public static final ConfigParameter<Integer> MAX_MESSAGE_SIZE =
      integer("MAX_MESSAGE_SIZE", 1024 * 1024, 1024, MAX_MESSAGE);

  public static final ConfigParameter<Duration> CLIENT_PING_INTERVAL =
      duration("CLIENT_PING_INTERVAL", SEED_PING_INTERVAL, NEVER, ONE_HOUR);
  public static final ConfigParameter<Duration> CLIENT_PONG_TIMEOUT =
      duration("CLIENT_PONG_TIMEOUT", SEED_PONG_TIMEOUT, MS, ONE_HOUR);

  /**
   * Pings one client may send a second (a token bucket holding twice that); over it the connection
   * is closed with 1008 {@code ping rate exceeded}. Each ping costs the proxy a frame decode even
   * though at most one pong is queued; 0: no limit.
   */
  public static final ConfigParameter<Integer> CLIENT_PING_RATE_LIMIT =
      integer("CLIENT_PING_RATE_LIMIT", 10, 0, 1_000_000);

  public static final ConfigParameter<Duration> UPSTREAM_PING_INTERVAL =
      duration("UPSTREAM_PING_INTERVAL", SEED_PING_INTERVAL, NEVER, ONE_HOUR);
  public static final ConfigParameter<Duration> UPSTREAM_PONG_TIMEOUT =
      duration("UPSTREAM_PONG_TIMEOUT", SEED_PONG_TIMEOUT, MS, ONE_HOUR);
  public static final ConfigParameter<Duration> WRITE_TIMEOUT =
      duration("WRITE_TIMEOUT", Duration.ofSeconds(10), NEVER, ONE_HOUR);
  public static final ConfigParameter<Duration> HANDSHAKE_TIMEOUT =
      duration("HANDSHAKE_TIMEOUT", Duration.ofSeconds(10), MS, Duration.ofMinutes(10));
  public static final ConfigParameter<Duration> UPSTREAM_CONNECT_TIMEOUT =
      duration("UPSTREAM_CONNECT_TIMEOUT", Duration.ofSeconds(5), MS, Duration.ofMinutes(10));
  public static final ConfigParameter<Duration> SHUTDOWN_DRAIN_PERIOD =
      duration("SHUTDOWN_DRAIN_PERIOD", Duration.ofSeconds(10), NEVER, Duration.ofMinutes(30));

  public static final ConfigParameter<Boolean> USE_CONSOLE_LOGS = bool("USE_CONSOLE_LOGS", false);
  public static final ConfigParameter<String> LOG_LEVEL =
      oneOf("LOG_LEVEL", "info", Set.of("error", "warn", "info", "debug"));

  public static final ConfigParameter<String> TLS_CERT_FILE = string("TLS_CERT_FILE", null);
  public static final ConfigParameter<String> TLS_KEY_FILE = string("TLS_KEY_FILE", null);
  public static final ConfigParameter<Duration> TLS_RELOAD_INTERVAL =
      duration("TLS_RELOAD_INTERVAL", Duration.ofSeconds(30), Duration.ofSeconds(1), ONE_HOUR);

  /** Lowest TLS version the listener accepts. */
  public static final ConfigParameter<String> TLS_MIN_VERSION =
      oneOf("TLS_MIN_VERSION", "1.2", Set.of("1.2", "1.3"));

  public static final ConfigParameter<String> UPSTREAM_CA_FILE = string("UPSTREAM_CA_FILE", null);

  /**
   * The proxy's identity key file: one or two PEM PKCS#8 Ed25519 private keys, the first signing
   * for clients that pin neither (docs/protocol.md section 6.4). Mounted read-only from a Secret;
   * reloaded every {@code TLS_RELOAD_INTERVAL}.
   */
  public static final ConfigParameter<Path> IDENTITY_KEY_FILE =
      ConfigParameter.of("IDENTITY_KEY_FILE", null, ProxyEnv::filePath);

  public static final ConfigParameter<Boolean> UPSTREAM_TLS_VERIFY_HOSTNAME =
      bool("UPSTREAM_TLS_VERIFY_HOSTNAME", true);

  /** Address of the admin listener (/healthz, /readyz, /metrics), apart from the public one. */
  public static final ConfigParameter<String> ADMIN_HOST = string("ADMIN_HOST", "0.0.0.0");

  public static final ConfigParameter<Integer> ADMIN_PORT = integer("ADMIN_PORT", 9090, 0, 65535);

  // Admission control (docs/security.md "Proxy limits"): over a limit an upgrade gets 503 with
  // Retry-After before any WebSocket or key-exchange work; 0 switches a limit off.

  /** Open TCP connections on the public listener, WebSocket or not. */
  public static final ConfigParameter<Integer> MAX_CONNECTIONS =
      integer("MAX_CONNECTIONS", 10_000, 0, 10_000_000);

  /** Upgrades admitted whose SocketX handshake has not finished yet. */
  public static final ConfigParameter<Integer> MAX_CONCURRENT_HANDSHAKES =
      integer("MAX_CONCURRENT_HANDSHAKES", 256, 0, 1_000_000);

  /** Admitted upgrades from one source address whose handshake has not finished yet. */
  public static final ConfigParameter<Integer> MAX_CONCURRENT_HANDSHAKES_PER_SOURCE =
      integer("MAX_CONCURRENT_HANDSHAKES_PER_SOURCE", 16, 0, 1_000_000);

  /**
   * Upgrades per second for the whole proxy (token bucket refill rate). Unset: 100 per processor
   * the proxy may use ({@code Runtime.availableProcessors()}, which honours a container's CPU
   * limit), computed by the proxy.
   */
  public static final ConfigParameter<Integer> HANDSHAKE_RATE =
      integer("HANDSHAKE_RATE", null, 0, 1_000_000);

  /**
   * Upgrades the whole proxy admits at once after a quiet period (token bucket size). Unset: twice
   * the rate.
   */
  public static final ConfigParameter<Integer> HANDSHAKE_BURST =
      integer("HANDSHAKE_BURST", null, 1, 2_000_000);

  /** Upgrades per second from one source address (an IPv6 source counts per /64). */
  public static final ConfigParameter<Integer> HANDSHAKE_RATE_PER_SOURCE =
      integer("HANDSHAKE_RATE_PER_SOURCE", 20, 0, 1_000_000);

  public static final ConfigParameter<Integer> HANDSHAKE_BURST_PER_SOURCE =
      integer("HANDSHAKE_BURST_PER_SOURCE", 40, 1, 1_000_000);

  /** Source addresses whose buckets are remembered; the least recently seen is forgotten. */
  public static final ConfigParameter<Integer> HANDSHAKE_SOURCES_TRACKED =
      integer("HANDSHAKE_SOURCES_TRACKED", 100_000, 1, 10_000_000);

  /**
   * Bytes queued toward clients and upstreams by all connections together (a number of bytes, or
   * with a {@code Ki}, {@code Mi} or {@code Gi} suffix); over it the connection adding to the queue
   * is closed with 1008 and upgrades get 503. Unset: 25 % of the proxy's maximum heap, computed by
   * the proxy; 0: no bound.
   */
  public static final ConfigParameter<Long> MAX_PENDING_BYTES_TOTAL =
      ConfigParameter.of("MAX_PENDING_BYTES_TOTAL", null, ProxyEnv::byteSize);

  /** Audit and per-request info lines per second; the rest are counted, not written. */
  public static final ConfigParameter<Integer> LOG_RATE_LIMIT =
      integer("LOG_RATE_LIMIT", 100, 0, 1_000_000);

  /**
   * Upstreams the proxy refuses to dial (comma-separated CIDR blocks, addresses and the names
   * {@code link-local}, {@code loopback}, {@code unspecified}, {@code apiserver}); by default
   * link-local (cloud metadata) and unspecified. The operator and the charts set {@code
   * link-local,loopback,unspecified,apiserver}; {@code apiserver} is the address in the same
   * environment's {@code KUBERNETES_SERVICE_HOST}. See docs/security.md.
   */
  public static final ConfigParameter<List<UpstreamRule>> UPSTREAM_DENY =
      upstreamRules("UPSTREAM_DENY", UpstreamPolicy.parseRules(UpstreamPolicy.STANDALONE_DENY));

  /** Exceptions to UPSTREAM_DENY, in the same form; e.g. loopback for a local demo. */
  public static final ConfigParameter<List<UpstreamRule>> UPSTREAM_ALLOW =
      upstreamRules("UPSTREAM_ALLOW", List.of());

  /** The SocketXProxy this pod belongs to; labels its heartbeat Lease. */
  public static final ConfigParameter<String> SOCKETX_PROXY_NAME =
      string("SOCKETX_PROXY_NAME", null);

  /** The pod's name (downward API); identifies its heartbeat and its billing replica. */
  public static final ConfigParameter<String> POD_NAME =
      ConfigParameter.of("POD_NAME", null, KubernetesNames::dnsSubdomain);

  /** The pod's namespace (downward API). */
  public static final ConfigParameter<String> POD_NAMESPACE =
      ConfigParameter.of("POD_NAMESPACE", null, KubernetesNames::dnsSubdomain);

  private static ConfigParameter<List<UpstreamRule>> upstreamRules(
      String key, List<UpstreamRule> defaultValue) {
    return ConfigParameter.inEnvironment(
        key,
        defaultValue,
        (value, env) -> UpstreamPolicy.parseRules(value, env.get(UpstreamPolicy.API_SERVER_HOST)));
  }

  private static long byteSize(String s) {
    long unit =
        s.endsWith("Ki") ? 1L << 10 : s.endsWith("Mi") ? 1L << 20 : s.endsWith("Gi") ? 1L << 30 : 1;
    String digits = unit == 1 ? s : s.substring(0, s.length() - 2);
    long value;
    try {
      value = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + s + "' is not a number of bytes (e.g. 268435456, 256Mi, 1Gi)");
    }
    if (value < 0 || value > MAX_BYTE_SIZE / unit) {
      throw new IllegalArgumentException("must be between 0 and 1024Gi, got " + s);
    }
    return value * unit;
  }

  private static Path filePath(String s) {
    try {
      return Path.of(s);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("'" + s + "' is not a valid file path");
    }
  }

  private static String configMapName(String s) {
    try {
      return KubernetesNames.dnsSubdomain(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + s + "' is not a valid ConfigMap name");
    }
  }

  private ProxyEnv() {}
}
