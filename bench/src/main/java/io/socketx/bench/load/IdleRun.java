package io.socketx.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The idle scenario: opens {@code --connections} connections, at most {@code --connect-concurrency}
 * at a time and spread over {@code --source-addresses} loopback addresses, announces them in {@code
 * --ready-file}, then holds them, each sending one message every {@code --idle-interval} if set.
 */
final class IdleRun implements BenchConnection.Listener {
  private final LoadRun run;
  private final LoadOptions options;
  private final CountDownLatch settled;
  private final Semaphore connecting;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();

  IdleRun(LoadRun run) {
    this.run = run;
    this.options = run.options();
    this.settled = new CountDownLatch(options.connections());
    this.connecting = new Semaphore(options.connectConcurrency());
  }

  MessagesRun.Outcome execute() throws InterruptedException, IOException {
    long t0 = System.nanoTime();
    for (int i = 0; i < options.connections(); i++) {
      connecting.acquire();
      run.open(run.newConnection(this), run.sourceIndex(i))
          .addListener(
              f -> {
                if (!f.isSuccess()) {
                  failed.incrementAndGet();
                  settle();
                }
              });
    }
    settled.await(120 + options.connections() / 50, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - t0) / 1e9;
    String ready =
        String.format(
            "{\"established\":%d,\"failed\":%d,\"seconds\":%.2f}%n",
            open.get(), failed.get(), seconds);
    System.err.print("ready " + ready);
    if (options.readyFile() != null) {
      Files.writeString(options.readyFile(), ready);
    }
    Stats.Window window = run.stats().begin();
    LoadRun.sleep(options.duration());
    Stats.Result result = run.stats().end(window);
    int held = open.get();
    run.stop();
    return new MessagesRun.Outcome(result, held);
  }

  private void settle() {
    connecting.release();
    settled.countDown();
  }

  @Override
  public void opened(BenchConnection c) {
    open.incrementAndGet();
    settle();
    Duration interval = options.idleInterval();
    if (!interval.isZero()) {
      Duration delay =
          Duration.ofNanos(ThreadLocalRandom.current().nextLong(Math.max(1, interval.toNanos())));
      c.every(
          interval,
          delay,
          () -> {
            if (c.isOpen() && !run.stopping()) {
              c.send(run.stats().now());
              c.flush();
            }
          });
    }
  }

  @Override
  public void echoed(BenchConnection c) {}

  @Override
  public void closed(BenchConnection c, boolean wasOpen) {
    if (wasOpen) {
      open.decrementAndGet();
    } else {
      failed.incrementAndGet();
      settle();
    }
    if (!run.stopping() && !c.failed()) {
      run.stats().error();
    }
  }
}
