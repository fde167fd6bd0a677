package io.socketx.bench.load;

import java.util.concurrent.TimeUnit;

/**
 * The handshake scenarios. Closed loop: {@code --connections} slots each connect, upgrade, complete
 * the SocketX handshake (which makes the proxy connect upstream), close, and start over. Open loop
 * ({@code --rate}): a new connection starts every 1/rate seconds whatever became of the earlier
 * ones, so a slow proxy shows as latency — the legitimate new sessions beside a flood. The
 * handshake flood runs the closed loop with a fixed CLIENT_HELLO; the upgrade flood holds each
 * upgraded connection until the server closes it.
 */
final class HandshakesRun implements BenchConnection.Listener {
  private final LoadRun run;
  private final LoadOptions options;
  private final boolean hold;

  HandshakesRun(LoadRun run) {
    this.run = run;
    this.options = run.options();
    this.hold = options.scenario() == LoadOptions.Scenario.UPGRADE_FLOOD;
  }

  MessagesRun.Outcome execute() throws InterruptedException {
    if (options.openLoop()) {
      long period = Math.max(1, (long) (1e9 / options.rate()));
      run.group().scheduleAtFixedRate(this::launch, 0, period, TimeUnit.NANOSECONDS);
    } else {
      for (int i = 0; i < options.connections(); i++) {
        run.refill(this);
      }
    }
    Stats.Result result = run.measure();
    run.stop();
    return new MessagesRun.Outcome(result, options.openLoop() ? 0 : options.connections());
  }

  private void launch() {
    if (!run.stopping()) {
      run.openNext(this);
    }
  }

  @Override
  public void opened(BenchConnection c) {
    run.stats().handshake(c.startedAt());
    if (!hold) {
      c.close();
    }
  }

  @Override
  public void echoed(BenchConnection c) {}

  @Override
  public void closed(BenchConnection c, boolean wasOpen) {
    // a flood expects refusals and closes; a legitimate client counts them as errors too
    boolean expected = options.scenario().flood() && c.endedByServer();
    if (!wasOpen && !c.failed() && !expected && !run.stopping()) {
      run.stats().error();
    }
    if (!options.openLoop()) {
      run.refill(this);
    }
  }
}
