package io.socketx.proxy;

import io.netty.resolver.AddressResolverGroup;
import io.socketx.billing.MessageMeter;
import io.socketx.contract.domainmap.RouteTable;
import io.socketx.protocol.Suite;
import io.socketx.protocol.v2.AesGcmProvider;
import io.socketx.protocol.v2.KeyLimits;
import io.socketx.protocol.v2.ServerSettings;
import io.socketx.proxy.admission.AdmissionControl;
import io.socketx.proxy.config.ProxyConfig;
import io.socketx.proxy.identity.ProxyIdentity;
import io.socketx.proxy.logging.LogRateLimiter;
import io.socketx.proxy.metrics.ProxyMetrics;
import io.socketx.proxy.relay.ConnectionRegistry;
import io.socketx.proxy.relay.DialPolicy;
import io.socketx.proxy.reload.RouteReloader;
import io.socketx.proxy.tls.UpstreamTls;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/** What every connection of one proxy shares: settings, routes, metrics, meter, registry. */
public final class ProxyContext {
  private final ProxyConfig config;
  private final AtomicReference<RouteTable> routes;
  private final ProxyMetrics metrics;
  private final MessageMeter meter;
  private final UpstreamTls upstreamTls;
  private final Transport transport;
  private final AddressResolverGroup<InetSocketAddress> resolver;
  private final ConnectionRegistry connections = new ConnectionRegistry();
  private final ProxyIdentity identity;
  private final Suite minimumSuite;
  private final AtomicBoolean ready = new AtomicBoolean();
  private final RouteReloader reloader;
  private final AdmissionControl admission;
  private final LogRateLimiter logLimiter;
  private final DialPolicy upstreamPolicy;
  private final AesGcmProvider aesGcm;
  private final LongSupplier nanoTicker;

  /** Shared by every session: one per connection would cost a provider lookup and its heap. */
  private final SecureRandom random = new SecureRandom();

  public ProxyContext(
      ProxyConfig config,
      ProxyMetrics metrics,
      MessageMeter meter,
      UpstreamTls upstreamTls,
      Transport transport,
      LongSupplier nanoTicker,
      AesGcmProvider aesGcm) {
    this.config = config;
    this.aesGcm = aesGcm;
    this.nanoTicker = nanoTicker;
    this.routes = new AtomicReference<>(config.routes());
    this.metrics = metrics;
    this.meter = meter;
    this.upstreamTls = upstreamTls;
    this.transport = transport;
    this.resolver = transport.newResolver();
    this.identity = ProxyIdentity.of(config.identity());
    this.minimumSuite = Suite.fromStrength(config.kyberStrength());
    this.reloader =
        new RouteReloader(
            routes,
            connections,
            config.routeSources().drainPeriod(),
            metrics.registry(),
            Clock.systemUTC());
    this.admission = new AdmissionControl(config.admission(), nanoTicker);
    admission.outboundMemory().bindTo(metrics.registry());
    this.logLimiter = new LogRateLimiter(config.logRateLimit(), metrics.registry(), nanoTicker);
    this.upstreamPolicy = new DialPolicy(config.upstreamDeny(), config.upstreamAllow());
    metrics.admissionGauges(admission::connections, admission::handshakesInProgress);
    metrics.pendingBytesGauges(
        connections::pendingToClientBytes, connections::pendingToUpstreamBytes);
  }

  public ProxyConfig config() {
    return config;
  }

  /** The nanosecond time source of every rate limit (injected so tests need no clock). */
  public LongSupplier nanoTicker() {
    return nanoTicker;
  }

  /**
   * The route table new connections resolve against; only the {@link RouteReloader} replaces it, so
   * connections get a read-only view.
   */
  public RouteTable routes() {
    return routes.get();
  }

  public ProxyMetrics metrics() {
    return metrics;
  }

  public MessageMeter meter() {
    return meter;
  }

  public UpstreamTls upstreamTls() {
    return upstreamTls;
  }

  public Transport transport() {
    return transport;
  }

  /** Resolves upstream host names without blocking the event loop. */
  public AddressResolverGroup<InetSocketAddress> resolver() {
    return resolver;
  }

  public ConnectionRegistry connections() {
    return connections;
  }

  /**
   * What a new connection's session uses: the minimum suite, the current identity keys and the
   * AES-GCM provider chosen at start-up.
   */
  public ServerSettings sessionSettings() {
    return new ServerSettings(
        minimumSuite, identity.current(), config.decoderWindowSize(), KeyLimits.PROTOCOL, aesGcm);
  }

  /** The random source of every session's handshake (thread-safe). */
  public SecureRandom random() {
    return random;
  }

  /** The identity keys, reloaded from their file. */
  public ProxyIdentity identity() {
    return identity;
  }

  /** Applies route updates from the live source and drains what they remove. */
  public RouteReloader reloader() {
    return reloader;
  }

  /** Connection caps and handshake rate limits, checked before every upgrade. */
  public AdmissionControl admission() {
    return admission;
  }

  /** Bounds the audit and per-request log lines. */
  public LogRateLimiter logLimiter() {
    return logLimiter;
  }

  /** Which upstream addresses may be connected. */
  public DialPolicy upstreamPolicy() {
    return upstreamPolicy;
  }

  /** Whether /readyz answers 200: listening, not draining, and routes loaded. */
  public AtomicBoolean ready() {
    return ready;
  }
}
