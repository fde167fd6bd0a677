package io.socketx.proxy.config;

import io.socketx.billing.config.BillingConfig;
import io.socketx.contract.domainmap.DomainMapParser;
import io.socketx.contract.domainmap.InvalidRoutesException;
import io.socketx.contract.domainmap.RouteTable;
import io.socketx.contract.upstream.UpstreamRule;
import io.socketx.protocol.v2.IdentityKeys;
import io.socketx.proxy.admission.AdmissionLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The proxy's immutable settings, read once from environment variables at start-up. */
public record ProxyConfig(
    String listenHost,
    int listenPort,
    RouteTable routes,
    String companyName,
    Secret licenseKey,
    int kyberStrength,
    int decoderWindowSize,
    int handshakeWarmup,
    String cryptoProvider,
    int readBufferSize,
    int writeBufferSize,
    int maxMessageSize,
    Duration clientPingInterval,
    Duration clientPongTimeout,
    Duration upstreamPingInterval,
    Duration upstreamPongTimeout,
    Duration writeTimeout,
    Duration handshakeTimeout,
    Duration upstreamConnectTimeout,
    Duration shutdownDrainPeriod,
    boolean consoleLogs,
    String logLevel,
    Optional<TlsFiles> tls,
    Duration tlsReloadInterval,
    Optional<Path> upstreamCaFile,
    boolean upstreamVerifyHostname,
    BillingConfig billing,
    String domainMapJson,
    RouteSourceConfig routeSources,
    AdminListener admin,
    AdmissionLimits admission,
    int logRateLimit,
    int clientPingRateLimit,
    List<UpstreamRule> upstreamDeny,
    List<UpstreamRule> upstreamAllow,
    Identity identity) {

  /** Where /healthz, /readyz and /metrics are served, apart from the public listener. */
  public record AdminListener(String host, int port) {}

  /**
   * Certificate chain and private key (PEM) for the TLS listener, and the lowest TLS version it
   * accepts ("1.2" or "1.3").
   */
  public record TlsFiles(Path certFile, Path keyFile, String minVersion) {}

  /**
   * The proxy's identity keys: read from {@code IDENTITY_KEY_FILE}, or (demo mode only, {@code
   * file} empty) one generated for this process.
   */
  public record Identity(Optional<Path> file, IdentityKeys keys) {}

  /**
   * A copy serving another DOMAIN_MAP, e.g. the demo's catch-all route.
   *
   * @throws InvalidRoutesException when the document is invalid
   */
  public ProxyConfig withDomainMap(String json) throws InvalidRoutesException {
    RouteTable newRoutes = DomainMapParser.parse(json);
    return new ProxyConfig(
        listenHost,
        listenPort,
        newRoutes,
        companyName,
        licenseKey,
        kyberStrength,
        decoderWindowSize,
        handshakeWarmup,
        cryptoProvider,
        readBufferSize,
        writeBufferSize,
        maxMessageSize,
        clientPingInterval,
        clientPongTimeout,
        upstreamPingInterval,
        upstreamPongTimeout,
        writeTimeout,
        handshakeTimeout,
        upstreamConnectTimeout,
        shutdownDrainPeriod,
        consoleLogs,
        logLevel,
        tls,
        tlsReloadInterval,
        upstreamCaFile,
        upstreamVerifyHostname,
        billing,
        json,
        RouteSourceConfig.staticOnly(),
        admin,
        admission,
        logRateLimit,
        clientPingRateLimit,
        upstreamDeny,
        upstreamAllow,
        identity);
  }
}
