package io.socketx.contract.env;

import static io.socketx.contract.env.ConfigParameter.bool;
import static io.socketx.contract.env.ConfigParameter.duration;
import static io.socketx.contract.env.ConfigParameter.integer;
import static io.socketx.contract.env.ConfigParameter.oneOf;
import static io.socketx.contract.env.ConfigParameter.oneOfIntegers;
import static io.socketx.contract.env.ConfigParameter.string;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
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

  /** The SocketXProxy this pod belongs to; labels its heartbeat Lease. */
  public static final ConfigParameter<String> SOCKETX_PROXY_NAME =
      string("SOCKETX_PROXY_NAME", null);

  /** The pod's name (downward API); identifies its heartbeat and its billing replica. */
  public static final ConfigParameter<String> POD_NAME =
      ConfigParameter.of("POD_NAME", null, KubernetesNames::dnsSubdomain);

  /** The pod's namespace (downward API). */
  public static final ConfigParameter<String> POD_NAMESPACE =
      ConfigParameter.of("POD_NAMESPACE", null, KubernetesNames::dnsSubdomain);

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
