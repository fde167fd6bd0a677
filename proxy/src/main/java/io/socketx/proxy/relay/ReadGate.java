package io.socketx.proxy.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;

/**
 * Backpressure for one direction of the relay: the source leg (auto-read off) is read again only
 * after every message forwarded from it was written to the destination leg.
 */
final class ReadGate {
  private final Connection connection;
  private ChannelHandlerContext source;
  private int pending;

  ReadGate(Connection connection) {
    this.connection = connection;
  }

  /** Binds the source leg's last handler. */
  void bind(ChannelHandlerContext source) {
    this.source = source;
  }

  /** Whether forwarded messages are still being written, so the source is not read. */
  boolean paused() {
    return pending > 0;
  }

  /** Writes {@code msg} to {@code destination}; {@code written} runs when the write is done. */
  void forward(Channel destination, Object msg, Runnable written) {
    pending++;
    destination
        .write(msg)
        .addListener(
            f -> {
              written.run();
              if (--pending == 0 && f.isSuccess()) {
                readMore();
              }
            });
  }

  /** At the end of a read from the source: flush what was forwarded, read on if nothing waits. */
  void readComplete(Channel destination) {
    destination.flush();
    if (pending == 0) {
      readMore();
    }
  }

  /** Reads the source unless the connection is closing. */
  void readMore() {
    if (!connection.isClosing() && source.channel().isActive()) {
      source.read();
    }
  }
}
