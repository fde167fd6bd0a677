package io.socketx.bench.load;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ping flood: {@code --connections} connections upgrade (in socketx mode they also complete the
 * SocketX handshake), stop reading, and send pings of {@code --ping-size} bytes as fast as their
 * socket takes them, so the server must queue a pong for each or close them. Every connection the
 * server closes is replaced at once, as an attacker would; how each ended is counted in {@link
 * Outcomes}. Pings count as messages sent.
 */
final class PingFloodRun implements BenchConnection.Listener {
  private final LoadRun run;
  private final LoadOptions options;
  private final byte[] payload;
  private final AtomicInteger open = new AtomicInteger();

  PingFloodRun(LoadRun run) {
    this.run = run;
    this.options = run.options();
    this.payload = new byte[options.pingSize()];
  }

  MessagesRun.Outcome execute() throws InterruptedException {
    for (int i = 0; i < options.connections(); i++) {
      run.refill(this);
    }
    Stats.Result result = run.measure();
    int flooding = open.get();
    run.stop();
    return new MessagesRun.Outcome(result, flooding);
  }

  @Override
  public void opened(BenchConnection c) {
    open.incrementAndGet();
    // never read again: every pong the server answers with stays in its buffers or ours
    c.channel().config().setAutoRead(false);
    flood(c);
  }

  @Override
  public void writabilityChanged(BenchConnection c) {
    if (c.isOpen() && c.channel().isWritable()) {
      // not from inside the flush that made it writable: that would recurse
      c.eventLoop().execute(() -> flood(c));
    }
  }

  /** Writes pings until the channel's outbound buffer is full, then flushes them. */
  private void flood(BenchConnection c) {
    Channel ch = c.channel();
    while (c.isOpen() && ch.isWritable() && !run.stopping()) {
      ch.write(new PingWebSocketFrame(Unpooled.wrappedBuffer(payload)), ch.voidPromise());
      run.stats().sent();
    }
    ch.flush();
  }

  @Override
  public void echoed(BenchConnection c) {}

  @Override
  public void closed(BenchConnection c, boolean wasOpen) {
    if (wasOpen) {
      open.decrementAndGet();
    } else if (!c.failed() && !c.endedByServer() && !run.stopping()) {
      run.stats().error();
    }
    run.refill(this);
  }
}
