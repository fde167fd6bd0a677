package io.socketx.proxy;

import io.netty.resolver.AddressResolverGroup;
import io.socketx.billing.MessageMeter;
import io.socketx.contract.domainmap.RouteTable;
import io.socketx.protocol.AesGcmCodec;
import io.socketx.protocol.SessionSettings;
import io.socketx.protocol.Suite;
import io.socketx.proxy.config.ProxyConfig;
import io.socketx.proxy.metrics.ProxyMetrics;
import io.socketx.proxy.relay.ConnectionRegistry;
import io.socketx.proxy.reload.RouteReloader;
import io.socketx.proxy.tls.UpstreamTls;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

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
  private final SessionSettings sessionSettings;
  private final AtomicBoolean ready = new AtomicBoolean();
  private final RouteReloader reloader;

  public ProxyContext(
      ProxyConfig config,
      ProxyMetrics metrics,
      MessageMeter meter,
      UpstreamTls upstreamTls,
      Transport transport) {
    this.config = config;
    this.routes = new AtomicReference<>(config.routes());
    this.metrics = metrics;
    this.meter = meter;
    this.upstreamTls = upstreamTls;
    this.transport = transport;
    this.resolver = transport.newResolver();
    this.sessionSettings =
        new SessionSettings(
            Suite.fromStrength(config.kyberStrength()),
            config.decoderWindowSize(),
            AesGcmCodec.factory());
    this.reloader =
        new RouteReloader(
            routes,
            connections,
            config.routeSources().drainPeriod(),
            metrics.registry(),
            Clock.systemUTC());
  }

  public ProxyConfig config() {
    return config;
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

  public SessionSettings sessionSettings() {
    return sessionSettings;
  }

  /** Applies route updates from the live source and drains what they remove. */
  public RouteReloader reloader() {
    return reloader;
  }

  /** Whether /readyz answers 200: listening, not draining, and routes loaded. */
  public AtomicBoolean ready() {
    return ready;
  }
}
