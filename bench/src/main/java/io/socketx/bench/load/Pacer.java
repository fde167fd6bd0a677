package io.socketx.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Open-loop pacing for the connections of one event loop: every millisecond, each connection sends
 * the messages that have come due, stamped with the time they were due rather than the time they
 * left, so a stalled server shows up as latency instead of being hidden (coordinated omission).
 */
final class Pacer implements Runnable {
  private static final int MAX_BURST = 1000;

  private final Stats stats;
  private final long periodNanos;
  private final LoadRun run;
  private final List<Paced> paced = new ArrayList<>();

  Pacer(LoadRun run, long periodNanos, io.netty.channel.EventLoop loop) {
    this.run = run;
    this.stats = run.stats();
    this.periodNanos = periodNanos;
    loop.scheduleAtFixedRate(this, 1, 1, TimeUnit.MILLISECONDS);
  }

  /** Starts pacing {@code c}, its first message due after {@code offset} ns. Event loop only. */
  void add(BenchConnection c, long offset) {
    paced.add(new Paced(c, stats.now() + offset));
  }

  void remove(BenchConnection c) {
    paced.removeIf(p -> p.connection == c);
  }

  @Override
  public void run() {
    if (run.stopping()) {
      return;
    }
    long now = stats.now();
    for (Paced p : paced) {
      int n = 0;
      while (p.nextDue <= now && n < MAX_BURST) {
        p.connection.send(p.nextDue);
        p.nextDue += periodNanos;
        n++;
      }
      if (n > 0) {
        p.connection.flush();
      }
    }
  }

  private static final class Paced {
    final BenchConnection connection;
    long nextDue;

    Paced(BenchConnection connection, long nextDue) {
      this.connection = connection;
      this.nextDue = nextDue;
    }
  }
}
