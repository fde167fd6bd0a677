package io.socketx.bench.load;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The messages scenario: every connection keeps {@code --in-flight} echoes outstanding (closed
 * loop) or sends at its share of {@code --rate} (open loop).
 */
final class MessagesRun implements BenchConnection.Listener {
  private static final Duration DRAIN_LIMIT = Duration.ofSeconds(10);

  private final LoadRun run;
  private final LoadOptions options;
  private final CountDownLatch settled;
  private final AtomicInteger established = new AtomicInteger();
  private final Map<EventLoop, Pacer> pacers = new ConcurrentHashMap<>();
  private final long periodNanos;

  MessagesRun(LoadRun run) {
    this.run = run;
    this.options = run.options();
    this.settled = new CountDownLatch(options.connections());
    this.periodNanos =
        options.openLoop() ? Math.max(1, (long) (options.connections() * 1e9 / options.rate())) : 0;
  }

  /** Connects, warms up, measures, stops; returns the measurement and the open connections. */
  Outcome execute() throws InterruptedException {
    for (int i = 0; i < options.connections(); i++) {
      run.open(run.newConnection(this), run.sourceIndex(i))
          .addListener(
              f -> {
                if (!f.isSuccess()) {
                  settled.countDown();
                }
              });
    }
    settled.await(60 + options.connections() / 50, TimeUnit.SECONDS);
    int open = established.get();
    if (open == 0) {
      throw new IllegalStateException(
          "no connection to " + options.url() + " opened (" + run.stats().errors() + " errors)");
    }
    LoadRun.sleep(options.warmup());
    Stats.Window window = run.stats().begin();
    LoadRun.sleep(options.duration());
    Stats.Result result;
    if (options.openLoop()) {
      long until = run.stats().now();
      run.drain(DRAIN_LIMIT);
      result = run.stats().end(window, until);
    } else {
      result = run.stats().end(window);
    }
    run.stop();
    return new Outcome(result, open);
  }

  @Override
  public void opened(BenchConnection c) {
    established.incrementAndGet();
    settled.countDown();
    if (options.openLoop()) {
      pacers
          .computeIfAbsent(c.eventLoop(), loop -> new Pacer(run, periodNanos, loop))
          .add(c, ThreadLocalRandom.current().nextLong(periodNanos));
    } else {
      long now = run.stats().now();
      for (int i = 0; i < options.inFlight(); i++) {
        c.send(now);
      }
      c.flush();
    }
  }

  @Override
  public void echoed(BenchConnection c) {
    if (!options.openLoop() && !run.stopping()) {
      c.send(run.stats().now());
    }
  }

  @Override
  public void closed(BenchConnection c, boolean wasOpen) {
    if (!wasOpen) {
      settled.countDown();
    }
    if (options.openLoop()) {
      Pacer p = pacers.get(c.eventLoop());
      if (p != null) {
        p.remove(c);
      }
    }
    if (!run.stopping() && !c.failed()) {
      run.stats().error();
    }
  }

  /** A measurement and how many connections took part. */
  record Outcome(Stats.Result result, int established) {}
}
