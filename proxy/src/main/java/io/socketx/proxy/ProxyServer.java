package io.socketx.proxy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.socketx.billing.MessageMeter;
import io.socketx.proxy.config.ProxyConfig;
import io.socketx.proxy.crypto.AesGcmChoice;
import io.socketx.proxy.metrics.ProxyMetrics;
import io.socketx.proxy.relay.CloseCodes;
import io.socketx.proxy.relay.ConnectionRegistry;
import io.socketx.proxy.reload.LiveRoutes;
import io.socketx.proxy.tls.ServerTls;
import io.socketx.proxy.tls.UpstreamTls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Bootstraps the proxy listener and shuts it down gracefully. */
public final class ProxyServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);
  private static final Duration CLOSE_FLUSH = Duration.ofSeconds(2);

  private final ProxyContext context;
  private final ServerTls tls;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private static final Duration LOG_SUMMARY_INTERVAL = Duration.ofSeconds(10);

  private Channel listener;
  private Channel adminListener;
  private LiveRoutes liveRoutes;
  private Supplier<KubernetesClient> kubernetes = () -> new KubernetesClientBuilder().build();
  private final java.util.concurrent.atomic.AtomicBoolean stopping =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final java.util.concurrent.CountDownLatch stopped =
      new java.util.concurrent.CountDownLatch(1);
  private volatile long drainDeadline;

  /**
   * Prepares a server; nothing listens before {@link #start()}.
   *
   * @throws IOException when the TLS files or the upstream CA file cannot be used
   */
  public ProxyServer(ProxyConfig config, ProxyMetrics metrics, MessageMeter meter)
      throws IOException {
    this(config, metrics, meter, System::nanoTime);
  }

  /**
   * Prepares a server whose rate limits read time from {@code nanoTicker} (tests freeze it).
   *
   * @throws IOException when the TLS files or the upstream CA file cannot be used
   */
  public ProxyServer(
      ProxyConfig config, ProxyMetrics metrics, MessageMeter meter, LongSupplier nanoTicker)
      throws IOException {
    Transport transport = Transport.best();
    this.tls =
        config.tls().isPresent()
            ? ServerTls.load(
                config.tls().get().certFile(),
                config.tls().get().keyFile(),
                config.tls().get().minVersion())
            : null;
    UpstreamTls upstreamTls =
        UpstreamTls.create(config.upstreamCaFile(), config.upstreamVerifyHostname());
    AesGcmChoice aesGcm = AesGcmChoice.of(config.cryptoProvider());
    if (aesGcm.fallbackReason() != null) {
      LOG.warn("Native AES-GCM unavailable, using the JDK's: {}", aesGcm.fallbackReason());
    }
    LOG.info("AES-GCM for SocketX records: {}", aesGcm.describe());
    this.context =
        new ProxyContext(
            config, metrics, meter, upstreamTls, transport, nanoTicker, aesGcm.provider());
    this.boss = transport.newGroup(1);
    // One event loop per core (like nginx's "worker_processes auto"): both legs of a connection
    // share one loop, so more threads than cores only adds context switches.
    this.workers = transport.newGroup(Runtime.getRuntime().availableProcessors());
  }

  /**
   * Uses {@code clients} for the ConfigMap route source instead of the default (kubeconfig or the
   * in-cluster service account); call before {@link #start()}.
   */
  public ProxyServer withKubernetesClient(Supplier<KubernetesClient> clients) {
    this.kubernetes = clients;
    return this;
  }

  /** Starts the route source, warms up the key exchange, then binds the listener; returns this. */
  public ProxyServer start() throws InterruptedException {
    ProxyConfig config = context.config();
    try {
      liveRoutes = LiveRoutes.start(config, context.reloader(), kubernetes);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the route source: " + e.getMessage(), e);
    }
    if (config.handshakeWarmup() > 0) {
      // before the bind, so no client is accepted by a cold proxy
      HandshakeWarmup.Result warm =
          HandshakeWarmup.run(context.sessionSettings(), config.handshakeWarmup());
      LOG.info(
          "Warmed up the key exchange with {} in-memory handshakes in {} ms",
          warm.handshakes(),
          warm.elapsed().toMillis());
    }
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(context.transport().serverChannel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(
                ChannelOption.RCVBUF_ALLOCATOR,
                new AdaptiveRecvByteBufAllocator(
                    Math.min(64, config.readBufferSize()),
                    Math.min(2048, config.readBufferSize()),
                    config.readBufferSize()))
            .childOption(
                ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(config.writeBufferSize() / 2, config.writeBufferSize()))
            .childHandler(new ProxyInitializer(context, tls));
    listener =
        bootstrap
            .bind(new InetSocketAddress(config.listenHost(), config.listenPort()))
            .sync()
            .channel();
    adminListener =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(context.transport().serverChannel())
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new AdminInitializer(context))
            .bind(new InetSocketAddress(config.admin().host(), config.admin().port()))
            .sync()
            .channel();
    context.upstreamPolicy().listeningOn(java.util.Set.of(port(), adminPort()));
    if (tls != null) {
      tls.watch(boss.next(), config.tlsReloadInterval());
    }
    boss.next()
        .scheduleAtFixedRate(
            context.logLimiter()::summarize,
            LOG_SUMMARY_INTERVAL.toMillis(),
            LOG_SUMMARY_INTERVAL.toMillis(),
            TimeUnit.MILLISECONDS);
    // the same interval: cert-manager and an operator rotating identity keys both rewrite Secrets
    context.identity().watch(boss.next(), config.tlsReloadInterval());
    context.ready().set(true);
    LOG.info(
        "Listening on {} ({} transport, TLS {}, identity {}); /healthz, /readyz and /metrics on {}",
        listener.localAddress(),
        context.transport().name(),
        tls == null ? "off" : "on",
        context.identity().fingerprints(),
        adminListener.localAddress());
    return this;
  }

  /** The bound port (useful with {@code LISTEN_PORT=0}). */
  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** The bound admin port (useful with {@code ADMIN_PORT=0}). */
  public int adminPort() {
    return ((InetSocketAddress) adminListener.localAddress()).getPort();
  }

  public ProxyContext context() {
    return context;
  }

  public ConnectionRegistry connections() {
    return context.connections();
  }

  /**
   * Stops accepting, waits up to {@code drain} for open connections to end by themselves, closes
   * the rest with 1001, and releases the event loops. A second call while draining can only shorten
   * the drain, and waits for the first to finish.
   */
  public void shutdown(Duration drain) throws InterruptedException {
    long deadline = System.nanoTime() + drain.toNanos();
    if (!stopping.compareAndSet(false, true)) {
      if (deadline - drainDeadline < 0) {
        drainDeadline = deadline;
      }
      stopped.await();
      return;
    }
    drainDeadline = deadline;
    try {
      drainAndStop();
    } finally {
      stopped.countDown();
    }
  }

  private void drainAndStop() throws InterruptedException {
    context.ready().set(false);
    if (listener != null) {
      listener.close().sync();
    }
    ConnectionRegistry open = context.connections();
    LOG.info(
        "Draining {} connections for up to {} ms",
        open.size(),
        TimeUnit.NANOSECONDS.toMillis(Math.max(0, drainDeadline - System.nanoTime())));
    while (open.size() > 0 && System.nanoTime() - drainDeadline < 0) {
      TimeUnit.MILLISECONDS.sleep(50);
    }
    int closed = open.close(c -> true, CloseCodes.GOING_AWAY, "server shutting down");
    if (closed > 0) {
      LOG.info("Closing {} connections that outlived the drain period", closed);
      long flushDeadline = System.nanoTime() + CLOSE_FLUSH.toNanos();
      while (open.size() > 0 && System.nanoTime() < flushDeadline) {
        TimeUnit.MILLISECONDS.sleep(20);
      }
    }
    if (adminListener != null) {
      adminListener.close().sync();
    }
    if (tls != null) {
      tls.close();
    }
    context.identity().close();
    if (liveRoutes != null) {
      liveRoutes.close();
    }
    context.reloader().close();
    context.resolver().close();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
    LOG.info("Proxy stopped");
  }

  @Override
  public void close() throws InterruptedException {
    shutdown(Duration.ZERO);
  }
}
