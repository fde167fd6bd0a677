package io.socketx.proxy.reload;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.socketx.contract.domainmap.DomainMapDocument;
import io.socketx.contract.domainmap.DomainMapParser;
import io.socketx.contract.domainmap.HostAndPort;
import io.socketx.contract.domainmap.InvalidRoutesException;
import io.socketx.contract.domainmap.Route;
import io.socketx.contract.domainmap.RouteTable;
import io.socketx.proxy.relay.ConnectionInfo;
import io.socketx.proxy.relay.ConnectionRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies DOMAIN_MAP documents from a live source: parses and validates them on the caller's thread
 * (never an event loop), swaps the route table atomically, and after the drain period closes with
 * 1001 the connections whose host lost its route or whose origin the new route no longer allows. An
 * invalid document is rejected and the last good table stays.
 */
public final class RouteReloader implements AutoCloseable {
  /** Close code and reason for connections whose route went away. */
  public static final int DRAIN_CODE = 1001;

  public static final String DRAIN_REASON = "route removed";

  private static final Logger LOG = LoggerFactory.getLogger(RouteReloader.class);

  private final AtomicReference<RouteTable> routes;
  private final ConnectionRegistry connections;
  private final Duration drainPeriod;
  private final Clock clock;
  private final ScheduledExecutorService drainer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "socketx-route-drain");
            t.setDaemon(true);
            return t;
          });
  private final List<Consumer<LoadedRoutes>> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, Counter> reloads;
  private final MultiGauge configInfo;
  private volatile LoadedRoutes loaded;
  private volatile boolean synced;
  private String lastRejectedHash;

  public RouteReloader(
      AtomicReference<RouteTable> routes,
      ConnectionRegistry connections,
      Duration drainPeriod,
      MeterRegistry registry,
      Clock clock) {
    this.routes = routes;
    this.connections = connections;
    this.drainPeriod = drainPeriod;
    this.clock = clock;
    this.reloads =
        Map.of(
            "applied", reloadCounter(registry, "applied"),
            "rejected", reloadCounter(registry, "rejected"),
            "unchanged", reloadCounter(registry, "unchanged"));
    Gauge.builder("socketx.routes", routes, r -> r.get().size())
        .description("Routes in the table being served")
        .register(registry);
    this.configInfo =
        MultiGauge.builder("socketx.route.config.info")
            .description("1 for the DOMAIN_MAP being served, tagged with its SHA-256 and source")
            .register(registry);
  }

  private static Counter reloadCounter(MeterRegistry registry, String result) {
    return Counter.builder("socketx.route.reloads")
        .description("DOMAIN_MAP documents received from the route source, by outcome")
        .tag("result", result)
        .register(registry);
  }

  /** Calls {@code listener} after every applied update (e.g. the instance heartbeat). */
  public void onApplied(Consumer<LoadedRoutes> listener) {
    listeners.add(listener);
  }

  /** What is served now, or empty before the first document was applied. */
  public Optional<LoadedRoutes> current() {
    return Optional.ofNullable(loaded);
  }

  /** Whether the source has answered at least once (a document, or that there is none). */
  public boolean synced() {
    return synced;
  }

  /** A new document from {@code source}: applied when valid and different, else counted. */
  public synchronized void offer(String json, String source) {
    String hash = DomainMapDocument.hashOf(json);
    LoadedRoutes before = loaded;
    if (before != null && before.configHash().equals(hash)) {
      synced = true;
      reloads.get("unchanged").increment();
      return;
    }
    if (hash.equals(lastRejectedHash)) {
      return; // the same bad document again (a re-read file, a resync): said once already
    }
    RouteTable table;
    try {
      table = DomainMapParser.parse(json);
    } catch (InvalidRoutesException e) {
      lastRejectedHash = hash;
      reject(source, e.getMessage());
      return;
    }
    lastRejectedHash = null;
    routes.set(table);
    LoadedRoutes now = new LoadedRoutes(hash, source, table.size(), clock.instant());
    loaded = now;
    synced = true;
    reloads.get("applied").increment();
    configInfo.register(
        List.of(MultiGauge.Row.of(Tags.of("hash", hash, "source", source), 1)), true);
    LOG.info(
        "Routes updated",
        Markers.appendEntries(
            Map.of(
                "route_source",
                source,
                "config_hash",
                hash,
                "previous_config_hash",
                before == null ? "" : before.configHash(),
                "routes",
                table.size())));
    listeners.forEach(l -> l.accept(now));
    scheduleDrain();
  }

  /** The source has a document that cannot be used; the last good table stays. */
  public synchronized void reject(String source, String problem) {
    synced = true;
    reloads.get("rejected").increment();
    LOG.error(
        "Rejected route update from {}: {}; keeping the last good routes ({})",
        source,
        problem,
        loaded == null ? "initial table" : loaded.configHash());
  }

  /** The source has no document (e.g. the ConfigMap was deleted); the last good table stays. */
  public synchronized void absent(String source) {
    synced = true;
    LOG.warn("{} has no DOMAIN_MAP; keeping the last good routes", source);
  }

  private void scheduleDrain() {
    drainer.schedule(this::drainNow, drainPeriod.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Closes, against the table current at this moment, the connections it no longer admits. */
  void drainNow() {
    RouteTable table = routes.get();
    int closed = connections.close(info -> !admits(table, info), DRAIN_CODE, DRAIN_REASON);
    if (closed > 0) {
      LOG.info(
          "Closed {} connections whose route was removed or no longer allows their origin", closed);
    }
  }

  static boolean admits(RouteTable table, ConnectionInfo info) {
    if (info.host().isEmpty()) {
      return true; // still in the upgrade: it is routed against the new table anyway
    }
    Optional<Route> route;
    try {
      route = table.resolve(HostAndPort.parse(info.host()));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return route.isPresent()
        && route.get().origins().allows(info.origin().isEmpty() ? null : info.origin());
  }

  @Override
  public void close() {
    drainer.shutdownNow();
  }
}
