package io.socketx.bench.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The handshake scenario: {@code --connections} slots each connect, upgrade, complete the SocketX
 * handshake (which makes the proxy connect upstream), close, and start over.
 */
final class HandshakesRun implements BenchConnection.Listener {
  private static final long RETRY_MILLIS = 10;

  private final LoadRun run;
  private final LoadOptions options;
  private final AtomicInteger sequence = new AtomicInteger();

  HandshakesRun(LoadRun run) {
    this.run = run;
    this.options = run.options();
  }

  MessagesRun.Outcome execute() throws InterruptedException {
    for (int i = 0; i < options.connections(); i++) {
      next();
    }
    LoadRun.sleep(options.warmup());
    Stats.Window window = run.stats().begin();
    LoadRun.sleep(options.duration());
    Stats.Result result = run.stats().end(window);
    run.stop();
    return new MessagesRun.Outcome(result, options.connections());
  }

  private void next() {
    if (run.stopping()) {
      return;
    }
    run.open(run.newConnection(this), run.sourceIndex(sequence.getAndIncrement()))
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                run.group().schedule(this::next, RETRY_MILLIS, TimeUnit.MILLISECONDS);
              }
            });
  }

  @Override
  public void opened(BenchConnection c) {
    run.stats().handshake(c.startedAt());
    c.close();
  }

  @Override
  public void echoed(BenchConnection c) {}

  @Override
  public void closed(BenchConnection c, boolean wasOpen) {
    if (!wasOpen && !c.failed() && !run.stopping()) {
      run.stats().error();
    }
    next();
  }
}
