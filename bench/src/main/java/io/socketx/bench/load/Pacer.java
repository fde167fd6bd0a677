package io.socketx.bench.load;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Open-loop pacing for the connections of one event loop: wakes when the next message is due, sends
 * every message that has come due, stamped with the time it was due rather than the time it left,
 * so a stalled server shows up as latency instead of being hidden (coordinated omission).
 */
final class Pacer implements Runnable {
  private static final int MAX_BURST = 1000;
  private static final long IDLE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final LoadRun run;
  private final Stats stats;
  private final long periodNanos;
  private final EventLoop loop;
  private final List<Paced> paced = new ArrayList<>();
  private boolean scheduled;

  Pacer(LoadRun run, long periodNanos, EventLoop loop) {
    this.run = run;
    this.stats = run.stats();
    this.periodNanos = periodNanos;
    this.loop = loop;
  }

  /** Starts pacing {@code c}, its first message due after {@code offset} ns. Event loop only. */
  void add(BenchConnection c, long offset) {
    paced.add(new Paced(c, stats.now() + offset));
    if (!scheduled) {
      scheduled = true;
      loop.schedule(this, offset, TimeUnit.NANOSECONDS);
    }
  }

  void remove(BenchConnection c) {
    paced.removeIf(p -> p.connection == c);
  }

  @Override
  public void run() {
    if (!run.pacing()) {
      scheduled = false;
      return;
    }
    long now = stats.now();
    long earliest = now + IDLE_CHECK_NANOS;
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
      earliest = Math.min(earliest, p.nextDue);
    }
    loop.schedule(this, Math.max(0, earliest - stats.now()), TimeUnit.NANOSECONDS);
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
