package io.socketx.proxy.config;

import io.socketx.billing.config.BillingConfig;
import io.socketx.contract.domainmap.DomainMapParser;
import io.socketx.contract.domainmap.InvalidRoutesException;
import io.socketx.contract.domainmap.RouteTable;
import io.socketx.contract.env.InvalidParameterException;
import io.socketx.contract.env.ProxyEnv;
import io.socketx.protocol.v2.IdentityKey;
import io.socketx.protocol.v2.IdentityKeys;
import io.socketx.proxy.admission.AdmissionLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a validated {@link ProxyConfig} from environment variables, each read with its {@link
 * ProxyEnv} parameter; see docs/configuration.md.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** Reads the process environment. */
  public static ProxyConfig fromEnvironment() throws ConfigException {
    return load(System.getenv());
  }

  /** Reads the given variables; every invalid value fails with a message naming it. */
  public static ProxyConfig load(Map<String, String> env) throws ConfigException {
    return load(env, false);
  }

  /**
   * Like {@link #load(Map)}, but for demo mode: without {@code IDENTITY_KEY_FILE} the proxy gets an
   * identity key that lives as long as the process.
   */
  public static ProxyConfig loadForDemo(Map<String, String> env) throws ConfigException {
    return load(env, true);
  }

  private static ProxyConfig load(Map<String, String> env, boolean demo) throws ConfigException {
    try {
      String domainMap = ProxyEnv.DOMAIN_MAP.read(env);
      RouteTable routes = routes(domainMap);
      Optional<ProxyConfig.TlsFiles> tls = tls(env);
      int listenPort = ProxyEnv.LISTEN_PORT.read(env);
      int adminPort = ProxyEnv.ADMIN_PORT.read(env);
      if (adminPort != 0 && adminPort == listenPort) {
        throw new ConfigException(
            ProxyEnv.ADMIN_PORT.key(),
            "must differ from LISTEN_PORT ("
                + listenPort
                + "): the admin endpoints have a port of"
                + " their own");
      }
      Optional<Path> caFile = ProxyEnv.UPSTREAM_CA_FILE.raw(env).map(Path::of);
      if (caFile.isPresent()) {
        requireReadable(ProxyEnv.UPSTREAM_CA_FILE.key(), caFile.get());
      }
      return new ProxyConfig(
          ProxyEnv.LISTEN_HOST.read(env),
          listenPort,
          routes,
          ProxyEnv.MTE_COMPANY_NAME.read(env),
          Secret.of(ProxyEnv.MTE_LICENSE_KEY.read(env)),
          ProxyEnv.KYBER_STRENGTH.read(env),
          ProxyEnv.DECODER_WINDOW_SIZE.read(env),
          ProxyEnv.HANDSHAKE_WARMUP.read(env),
          ProxyEnv.CRYPTO_PROVIDER.read(env),
          ProxyEnv.READ_BUFFER_SIZE.read(env),
          ProxyEnv.WRITE_BUFFER_SIZE.read(env),
          ProxyEnv.MAX_MESSAGE_SIZE.read(env),
          ProxyEnv.CLIENT_PING_INTERVAL.read(env),
          ProxyEnv.CLIENT_PONG_TIMEOUT.read(env),
          ProxyEnv.UPSTREAM_PING_INTERVAL.read(env),
          ProxyEnv.UPSTREAM_PONG_TIMEOUT.read(env),
          ProxyEnv.WRITE_TIMEOUT.read(env),
          ProxyEnv.HANDSHAKE_TIMEOUT.read(env),
          ProxyEnv.UPSTREAM_CONNECT_TIMEOUT.read(env),
          ProxyEnv.SHUTDOWN_DRAIN_PERIOD.read(env),
          ProxyEnv.USE_CONSOLE_LOGS.read(env),
          ProxyEnv.LOG_LEVEL.read(env),
          tls,
          ProxyEnv.TLS_RELOAD_INTERVAL.read(env),
          caFile,
          ProxyEnv.UPSTREAM_TLS_VERIFY_HOSTNAME.read(env),
          BillingConfig.fromEnv(env),
          domainMap,
          RouteSourceConfig.read(env),
          new ProxyConfig.AdminListener(ProxyEnv.ADMIN_HOST.read(env), adminPort),
          admission(env),
          ProxyEnv.LOG_RATE_LIMIT.read(env),
          ProxyEnv.CLIENT_PING_RATE_LIMIT.read(env),
          ProxyEnv.UPSTREAM_DENY.read(env),
          ProxyEnv.UPSTREAM_ALLOW.read(env),
          identity(env, demo));
    } catch (InvalidParameterException e) {
      throw new ConfigException(e.variable(), e.problem());
    }
  }

  /** The admission limits; the unset defaults follow the processors and heap this JVM has. */
  private static AdmissionLimits admission(Map<String, String> env) {
    Runtime runtime = Runtime.getRuntime();
    int rate =
        Optional.ofNullable(ProxyEnv.HANDSHAKE_RATE.read(env))
            .orElseGet(() -> AdmissionLimits.defaultHandshakeRate(runtime.availableProcessors()));
    int burst =
        Optional.ofNullable(ProxyEnv.HANDSHAKE_BURST.read(env))
            .orElseGet(() -> AdmissionLimits.defaultHandshakeBurst(rate));
    long pendingBytes =
        Optional.ofNullable(ProxyEnv.MAX_PENDING_BYTES_TOTAL.read(env))
            .orElseGet(() -> AdmissionLimits.defaultMaxPendingBytesTotal(runtime.maxMemory()));
    return new AdmissionLimits(
        ProxyEnv.MAX_CONNECTIONS.read(env),
        ProxyEnv.MAX_CONCURRENT_HANDSHAKES.read(env),
        ProxyEnv.MAX_CONCURRENT_HANDSHAKES_PER_SOURCE.read(env),
        rate,
        burst,
        ProxyEnv.HANDSHAKE_RATE_PER_SOURCE.read(env),
        ProxyEnv.HANDSHAKE_BURST_PER_SOURCE.read(env),
        ProxyEnv.HANDSHAKE_SOURCES_TRACKED.read(env),
        pendingBytes);
  }

  private static RouteTable routes(String json) throws ConfigException {
    try {
      return DomainMapParser.parse(json);
    } catch (InvalidRoutesException e) {
      throw new ConfigException(ProxyEnv.DOMAIN_MAP.key(), e.getMessage());
    }
  }

  private static Optional<ProxyConfig.TlsFiles> tls(Map<String, String> env)
      throws ConfigException {
    Optional<String> cert = ProxyEnv.TLS_CERT_FILE.raw(env);
    Optional<String> key = ProxyEnv.TLS_KEY_FILE.raw(env);
    String certName = ProxyEnv.TLS_CERT_FILE.key();
    String keyName = ProxyEnv.TLS_KEY_FILE.key();
    if (cert.isEmpty() && key.isEmpty()) {
      return Optional.empty();
    }
    if (cert.isEmpty()) {
      throw new ConfigException(certName, "must be set when " + keyName + " is set");
    }
    if (key.isEmpty()) {
      throw new ConfigException(keyName, "must be set when " + certName + " is set");
    }
    requireReadable(certName, Path.of(cert.get()));
    requireReadable(keyName, Path.of(key.get()));
    return Optional.of(
        new ProxyConfig.TlsFiles(
            Path.of(cert.get()), Path.of(key.get()), ProxyEnv.TLS_MIN_VERSION.read(env)));
  }

  private static ProxyConfig.Identity identity(Map<String, String> env, boolean demo)
      throws ConfigException {
    String name = ProxyEnv.IDENTITY_KEY_FILE.key();
    Optional<Path> file = Optional.ofNullable(ProxyEnv.IDENTITY_KEY_FILE.read(env));
    if (file.isEmpty()) {
      if (demo) {
        return new ProxyConfig.Identity(
            Optional.empty(), IdentityKeys.of(IdentityKey.generate(new SecureRandom())));
      }
      throw new ConfigException(
          name,
          "must name the proxy's identity key file (PEM, PKCS#8 Ed25519; create one with"
              + " 'socketx-proxy keygen --out identity.pem')");
    }
    try {
      return new ProxyConfig.Identity(file, IdentityKeyFile.read(file.get()));
    } catch (IOException e) {
      throw new ConfigException(name, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name, "file '" + file.get() + "': " + e.getMessage());
    }
  }

  private static void requireReadable(String name, Path path) throws ConfigException {
    if (!Files.isReadable(path)) {
      throw new ConfigException(name, "file '" + path + "' does not exist or is not readable");
    }
  }
}
