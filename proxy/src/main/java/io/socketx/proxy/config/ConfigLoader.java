package io.socketx.proxy.config;

import io.socketx.proxy.route.DomainMapParser;
import io.socketx.proxy.route.InvalidRoutesException;
import io.socketx.proxy.route.RouteTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds a validated {@link ProxyConfig} from environment variables; see docs/configuration.md. */
public final class ConfigLoader {
  static final int MAX_PORT = 65535;
  static final int MAX_BUFFER = 16 * 1024 * 1024;
  static final int MAX_MESSAGE = 64 * 1024 * 1024;

  /** In-memory handshakes before the proxy reports ready (see {@code HandshakeWarmup}). */
  static final int DEFAULT_HANDSHAKE_WARMUP = 1000;

  private static final int SEED_KYBER_STRENGTH = 512;
  private static final int SEED_BUFFER_SIZE = 1024;
  private static final Duration SEED_PING_INTERVAL = Duration.ofSeconds(54);
  private static final Duration SEED_PONG_TIMEOUT = Duration.ofSeconds(60);

  private static final Duration NEVER = Duration.ZERO;
  private static final Duration ONE_HOUR = Duration.ofHours(1);
  private static final Duration MS = Duration.ofMillis(1);

  private ConfigLoader() {}

  /** Reads the process environment. */
  public static ProxyConfig fromEnvironment() throws ConfigException {
    return load(System.getenv());
  }

  /** Reads the given variables; every invalid value fails with a message naming it. */
  public static ProxyConfig load(Map<String, String> env) throws ConfigException {
    EnvReader r = new EnvReader(env);
    String listenHost = r.string("LISTEN_HOST", "0.0.0.0");
    int listenPort = r.integer("LISTEN_PORT", 8080, 0, MAX_PORT);
    String domainMap = r.string("DOMAIN_MAP", "{}");
    RouteTable routes = routes(domainMap);
    // Seed defaults (docs/migrating-from-socketx-server.md): ML-KEM-512 minimum, 1 KiB buffers,
    // 54 s pings with a 60 s pong timeout; our clients still offer ML-KEM-768 first.
    int kyber =
        r.oneOfIntegers("MTE_KYBER_STRENGTH", SEED_KYBER_STRENGTH, Set.of(0, 512, 768, 1024));
    int window = r.integer("MTE_DECODER_WINDOW_SIZE", 1000, 1, 1_000_000);
    int warmup = r.integer("HANDSHAKE_WARMUP", DEFAULT_HANDSHAKE_WARMUP, 0, 100_000);
    int readBuffer = r.integer("WS_READ_BUFFER_SIZE", SEED_BUFFER_SIZE, 256, MAX_BUFFER);
    int writeBuffer = r.integer("WS_WRITE_BUFFER_SIZE", SEED_BUFFER_SIZE, 256, MAX_BUFFER);
    int maxMessage = r.integer("MAX_MESSAGE_SIZE", 1024 * 1024, 1024, MAX_MESSAGE);
    Duration clientPing = r.duration("CLIENT_PING_INTERVAL", SEED_PING_INTERVAL, NEVER, ONE_HOUR);
    Duration clientPong = r.duration("CLIENT_PONG_TIMEOUT", SEED_PONG_TIMEOUT, MS, ONE_HOUR);
    Duration upstreamPing =
        r.duration("UPSTREAM_PING_INTERVAL", SEED_PING_INTERVAL, NEVER, ONE_HOUR);
    Duration upstreamPong = r.duration("UPSTREAM_PONG_TIMEOUT", SEED_PONG_TIMEOUT, MS, ONE_HOUR);
    Duration writeTimeout = r.duration("WRITE_TIMEOUT", Duration.ofSeconds(10), NEVER, ONE_HOUR);
    Duration handshakeTimeout =
        r.duration("HANDSHAKE_TIMEOUT", Duration.ofSeconds(10), MS, Duration.ofMinutes(10));
    Duration connectTimeout =
        r.duration("UPSTREAM_CONNECT_TIMEOUT", Duration.ofSeconds(5), MS, Duration.ofMinutes(10));
    Duration drain =
        r.duration("SHUTDOWN_DRAIN_PERIOD", Duration.ofSeconds(10), NEVER, Duration.ofMinutes(30));
    boolean console = r.bool("USE_CONSOLE_LOGS", false);
    String logLevel = r.oneOf("LOG_LEVEL", "info", Set.of("error", "warn", "info", "debug"));
    Optional<ProxyConfig.TlsFiles> tls = tls(r);
    Duration tlsReload =
        r.duration("TLS_RELOAD_INTERVAL", Duration.ofSeconds(30), Duration.ofSeconds(1), ONE_HOUR);
    Optional<Path> caFile = Optional.ofNullable(r.raw("UPSTREAM_CA_FILE")).map(Path::of);
    if (caFile.isPresent()) {
      requireReadable("UPSTREAM_CA_FILE", caFile.get());
    }
    boolean verifyHostname = r.bool("UPSTREAM_TLS_VERIFY_HOSTNAME", true);
    return new ProxyConfig(
        listenHost,
        listenPort,
        routes,
        r.string("MTE_COMPANY_NAME", ""),
        Secret.of(r.raw("MTE_LICENSE_KEY")),
        kyber,
        window,
        warmup,
        readBuffer,
        writeBuffer,
        maxMessage,
        clientPing,
        clientPong,
        upstreamPing,
        upstreamPong,
        writeTimeout,
        handshakeTimeout,
        connectTimeout,
        drain,
        console,
        logLevel,
        tls,
        tlsReload,
        caFile,
        verifyHostname,
        billing(r),
        domainMap,
        RouteSourceConfig.read(r));
  }

  private static RouteTable routes(String json) throws ConfigException {
    try {
      return DomainMapParser.parse(json);
    } catch (InvalidRoutesException e) {
      throw new ConfigException("DOMAIN_MAP", e.getMessage());
    }
  }

  private static Optional<ProxyConfig.TlsFiles> tls(EnvReader r) throws ConfigException {
    String cert = r.raw("TLS_CERT_FILE");
    String key = r.raw("TLS_KEY_FILE");
    if (cert == null && key == null) {
      return Optional.empty();
    }
    if (cert == null) {
      throw new ConfigException("TLS_CERT_FILE", "must be set when TLS_KEY_FILE is set");
    }
    if (key == null) {
      throw new ConfigException("TLS_KEY_FILE", "must be set when TLS_CERT_FILE is set");
    }
    requireReadable("TLS_CERT_FILE", Path.of(cert));
    requireReadable("TLS_KEY_FILE", Path.of(key));
    return Optional.of(new ProxyConfig.TlsFiles(Path.of(cert), Path.of(key)));
  }

  private static void requireReadable(String name, Path path) throws ConfigException {
    if (!Files.isReadable(path)) {
      throw new ConfigException(name, "file '" + path + "' does not exist or is not readable");
    }
  }

  private static BillingConfig billing(EnvReader r) throws ConfigException {
    // Same rules as the billing module's own config, so that both accept the same environment.
    String strategy =
        r.oneOf(
            "BILLING_STRATEGY",
            BillingConfig.STRATEGY_NONE,
            Set.of(BillingConfig.STRATEGY_NONE, BillingConfig.STRATEGY_REQUEST_BASED));
    String provider =
        r.oneOf(
            "BILLING_PROVIDER",
            BillingConfig.PROVIDER_NONE,
            Set.of(BillingConfig.PROVIDER_NONE, BillingConfig.PROVIDER_AZURE));
    boolean metered = BillingConfig.STRATEGY_REQUEST_BASED.equals(strategy);
    if (metered && BillingConfig.PROVIDER_NONE.equals(provider)) {
      throw new ConfigException(
          "BILLING_PROVIDER", "must be set (azure) when BILLING_STRATEGY=request_based");
    }
    if (!metered && !BillingConfig.PROVIDER_NONE.equals(provider)) {
      throw new ConfigException(
          "BILLING_PROVIDER", "provider '" + provider + "' needs BILLING_STRATEGY=request_based");
    }
    String product = r.string("BILLING_PRODUCT", "socketx");
    Duration interval =
        r.duration(
            "BILLING_REPORT_INTERVAL", Duration.ofMinutes(15), Duration.ofSeconds(1), ONE_HOUR);
    String planId = r.string("BILLING_PLAN_ID", "");
    if (metered && planId.isEmpty()) {
      throw new ConfigException(
          "BILLING_PLAN_ID",
          "required when BILLING_PROVIDER=azure and BILLING_STRATEGY=request_based");
    }
    return new BillingConfig(strategy, provider, product, interval, planId);
  }
}
