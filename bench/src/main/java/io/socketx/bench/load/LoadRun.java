package io.socketx.bench.load;

import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.socketx.bench.Transport;
import io.socketx.protocol.v2.ClientSettings;
import io.socketx.protocol.v2.Pins;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/** What every scenario of one run shares: options, event loops, connector, stats, stop flag. */
final class LoadRun implements AutoCloseable {
  private static final long RETRY_MILLIS = 10;

  private final LoadOptions options;
  private final Transport transport = Transport.detect();
  private final EventLoopGroup group;
  private final Connector connector;
  private final Stats stats;
  private final AtomicInteger sequence = new AtomicInteger();
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final SecureRandom random = new SecureRandom();
  private final ClientSettings settings;
  private final byte[] filler;
  private final FixedHelloFraming fixedHello;
  private volatile boolean stopping;
  private volatile boolean pacing = true;

  LoadRun(LoadOptions options) throws SSLException {
    this.options = options;
    this.stats = new Stats(options.watchPids(), options.size());
    this.group = transport.group(options.threads());
    this.connector = new Connector(options, group, transport);
    String path = options.url().getRawPath() == null ? "" : options.url().getRawPath();
    String query = options.url().getRawQuery();
    this.settings =
        ClientSettings.of(
            options.suite(),
            (path.isEmpty() ? "/" : path) + (query == null ? "" : "?" + query),
            // a load generator measures cost; without --pin it accepts whatever key the proxy signs
            // with (the proxy does the same work either way)
            options.pins().isEmpty() ? Pins.anyIdentity() : Pins.of(options.pins()));
    this.fixedHello =
        options.scenario() == LoadOptions.Scenario.HANDSHAKE_FLOOD
            ? FixedHelloFraming.of(settings, random)
            : null;
    this.filler = new byte[options.size()];
    // incompressible filler, the same for every message, so no configuration gains from content
    new SplittableRandom(42).nextBytes(filler);
  }

  LoadOptions options() {
    return options;
  }

  Stats stats() {
    return stats;
  }

  Transport transport() {
    return transport;
  }

  EventLoopGroup group() {
    return group;
  }

  boolean stopping() {
    return stopping;
  }

  /** Whether open-loop pacers may still send. */
  boolean pacing() {
    return pacing && !stopping;
  }

  /**
   * Stops open-loop sending and waits up to {@code limit} for the echoes of what was sent, so
   * messages delayed past the window still count with their full latency.
   */
  void drain(Duration limit) throws InterruptedException {
    pacing = false;
    long deadline = System.nanoTime() + limit.toNanos();
    while (stats.outstanding() > 0 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(5);
    }
  }

  /** A new connection speaking the run's mode, reporting to {@code listener}. */
  BenchConnection newConnection(BenchConnection.Listener listener) {
    Framing framing;
    if (options.scenario() == LoadOptions.Scenario.HANDSHAKE_FLOOD) {
      framing = fixedHello;
    } else if (options.scenario() == LoadOptions.Scenario.UPGRADE_FLOOD) {
      framing = new PlainFraming(filler); // open once upgraded; nothing is ever sent
    } else if (options.mode() == LoadOptions.Mode.SOCKETX) {
      framing = new SocketxFraming(settings, random, filler);
    } else {
      framing = new PlainFraming(filler);
    }
    return new BenchConnection(framing, stats, listener);
  }

  /** Connects; a failed connect counts as an error. */
  ChannelFuture open(BenchConnection connection, int sourceIndex) {
    stats.outcomes().attempt();
    ChannelFuture f = connector.connect(connection, sourceIndex);
    channels.add(f.channel());
    f.addListener(
        done -> {
          if (!done.isSuccess() && !stopping) {
            stats.error();
          }
        });
    return f;
  }

  /** The source address index for the {@code i}-th connection. */
  int sourceIndex(int i) {
    return i % options.sourceAddresses();
  }

  /** Connects a new connection for {@code listener} from the next source address in turn. */
  ChannelFuture openNext(BenchConnection.Listener listener) {
    return open(newConnection(listener), sourceIndex(sequence.getAndIncrement()));
  }

  /**
   * Keeps one slot busy: connects a new connection for {@code listener}, and again shortly after
   * when the connect itself fails; the listener calls this again when the connection ends.
   */
  void refill(BenchConnection.Listener listener) {
    if (stopping) {
      return;
    }
    openNext(listener)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                group.schedule(() -> refill(listener), RETRY_MILLIS, TimeUnit.MILLISECONDS);
              }
            });
  }

  /** Waits out the warm-up, then measures one window of {@code --duration} as traffic flows. */
  Stats.Result measure() throws InterruptedException {
    sleep(options.warmup());
    Stats.Window window = stats.begin();
    sleep(options.duration());
    return stats.end(window);
  }

  static void sleep(Duration d) throws InterruptedException {
    TimeUnit.NANOSECONDS.sleep(d.toNanos());
  }

  /** Stops new traffic and closes every connection. */
  void stop() {
    stopping = true;
    channels.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    stop();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
