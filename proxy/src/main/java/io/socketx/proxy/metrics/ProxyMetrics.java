package io.socketx.proxy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/** The proxy's Prometheus metrics; names are listed in docs/configuration.md. */
public final class ProxyMetrics {
  private final PrometheusMeterRegistry registry;
  private final AtomicInteger open = new AtomicInteger();
  private final Counter connectionsTotal;
  private final Counter messagesEncoded;
  private final Counter messagesDecoded;
  private final Counter bytesEncoded;
  private final Counter bytesDecoded;
  private final Counter earlyMessages;
  private final Timer upstreamConnect;
  private final Map<String, Counter> tagged = new ConcurrentHashMap<>();

  public ProxyMetrics() {
    this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  public ProxyMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("socketx.connections.open", open, AtomicInteger::get)
        .description("WebSocket connections currently open on the client side")
        .register(registry);
    connectionsTotal =
        Counter.builder("socketx.connections")
            .description("WebSocket connections accepted (upgrades that passed route and origin)")
            .register(registry);
    messagesEncoded =
        Counter.builder("socketx.messages.encoded")
            .description("PROXY_DATA records encoded for clients")
            .register(registry);
    messagesDecoded =
        Counter.builder("socketx.messages.decoded")
            .description("PROXY_DATA records from clients decoded and authenticated")
            .register(registry);
    bytesEncoded =
        Counter.builder("socketx.bytes.encoded")
            .description("Plaintext bytes encoded for clients")
            .register(registry);
    bytesDecoded =
        Counter.builder("socketx.bytes.decoded")
            .description("Plaintext bytes decoded from clients")
            .register(registry);
    earlyMessages =
        Counter.builder("socketx.messages.early")
            .description("Early PROXY_DATA records held until the upstream was connected")
            .register(registry);
    upstreamConnect =
        Timer.builder("socketx.upstream.connect")
            .description("Time from CLIENT_FINISHED to a connected upstream WebSocket")
            .publishPercentileHistogram()
            .maximumExpectedValue(Duration.ofSeconds(30))
            .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  public void connectionOpened() {
    open.incrementAndGet();
    connectionsTotal.increment();
  }

  public void connectionClosed() {
    open.decrementAndGet();
  }

  public int openConnections() {
    return open.get();
  }

  /** A handshake ended: {@code success}, or the reason it failed. */
  public void handshake(String result) {
    tagged("socketx.handshakes", "result", result, "Protocol handshakes by result").increment();
  }

  public void encoded(int plaintextBytes) {
    messagesEncoded.increment();
    bytesEncoded.increment(plaintextBytes);
  }

  public void decoded(int plaintextBytes) {
    messagesDecoded.increment();
    bytesDecoded.increment(plaintextBytes);
  }

  /** A client message arrived before the upstream was connected and is held. */
  public void earlyMessageHeld() {
    earlyMessages.increment();
  }

  /** A client record was rejected; {@code reason} is the protocol error name. */
  public void decodeFailure(String reason) {
    tagged("socketx.decode.failures", "reason", reason, "Client records rejected, by reason")
        .increment();
  }

  /** Gauges of open TCP connections and handshakes in progress (the admission counters). */
  public void admissionGauges(IntSupplier tcpConnections, IntSupplier handshakesInProgress) {
    // Micrometer holds a gauge's state object weakly: the suppliers here are method references
    // nothing else keeps, which would read NaN after the first garbage collection.
    Gauge.builder("socketx.tcp.connections.open", tcpConnections, IntSupplier::getAsInt)
        .description("TCP connections open on the public listener (MAX_CONNECTIONS)")
        .strongReference(true)
        .register(registry);
    Gauge.builder("socketx.handshakes.in.progress", handshakesInProgress, IntSupplier::getAsInt)
        .description("Admitted upgrades whose SocketX handshake has not ended")
        .strongReference(true)
        .register(registry);
  }

  /**
   * Gauges of the bytes written toward each leg and not yet sent, summed over open connections:
   * what slow readers hold in the proxy's memory.
   */
  public void pendingBytesGauges(LongSupplier toClients, LongSupplier toUpstreams) {
    pendingBytes("client", toClients);
    pendingBytes("upstream", toUpstreams);
  }

  private void pendingBytes(String leg, LongSupplier bytes) {
    Gauge.builder("socketx.pending.bytes", bytes, LongSupplier::getAsLong)
        .description("Bytes written toward a leg and not yet sent, over open connections")
        .tag("leg", leg)
        .strongReference(true) // see admissionGauges
        .baseUnit("bytes")
        .register(registry);
  }

  /**
   * An upgrade was refused: {@code route_not_found}, {@code origin_rejected}, {@code bad_host}, the
   * admission limits ({@code connection_limit}, {@code memory}, {@code handshake_concurrency},
   * {@code source_concurrency}, {@code handshake_rate}, {@code source_rate}) and the RFC checks.
   */
  public void upgradeRejected(String reason) {
    tagged("socketx.upgrade.rejections", "reason", reason, "WebSocket upgrades refused, by reason")
        .increment();
  }

  /** A client sent pings faster than CLIENT_PING_RATE_LIMIT and its connection was closed. */
  public void pingRateExceeded() {
    tagged(
            "socketx.policy.closes",
            "reason",
            "ping_rate",
            "Connections the proxy closed with 1008 for a per-connection limit, by reason")
        .increment();
  }

  /** An upstream could not be reached or failed its handshake. */
  public void upstreamFailure(String reason) {
    tagged("socketx.upstream.failures", "reason", reason, "Upstream connect failures, by reason")
        .increment();
  }

  public void upstreamConnected(Duration elapsed) {
    upstreamConnect.record(elapsed);
  }

  private Counter tagged(String name, String tag, String value, String description) {
    String v = value.toLowerCase(Locale.ROOT);
    return tagged.computeIfAbsent(
        name + '\0' + v,
        k -> Counter.builder(name).description(description).tag(tag, v).register(registry));
  }
}
