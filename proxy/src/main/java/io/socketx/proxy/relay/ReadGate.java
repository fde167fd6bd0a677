package io.socketx.proxy.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;

/**
 * Backpressure for one direction of the relay: the source leg (auto-read off) is read again after a
 * read only while the destination leg is writable, that is while its unsent bytes are below the
 * write buffer's high water mark; otherwise reading resumes when the destination drains below the
 * low water mark. Messages are written without a promise each: a failed write surfaces as the
 * destination's {@code exceptionCaught}.
 */
final class ReadGate {
  private final Connection connection;
  private ChannelHandlerContext source;
  private boolean waitingForDrain;

  ReadGate(Connection connection) {
    this.connection = connection;
  }

  /** Binds the source leg's last handler. */
  void bind(ChannelHandlerContext source) {
    this.source = source;
  }

  /** Whether reading the source waits for the destination to drain. */
  boolean paused() {
    return waitingForDrain;
  }

  /** Queues {@code msg} on {@code destination}; it is flushed at the end of the read. */
  void forward(Channel destination, Object msg) {
    destination.write(msg, destination.voidPromise());
  }

  /** At the end of a read from the source: flush what was forwarded, read on if there is room. */
  void readComplete(Channel destination) {
    destination.flush();
    if (destination.isWritable()) {
      readMore();
    } else {
      waitingForDrain = true;
    }
  }

  /** The destination's writability changed: resume reading once it drained. */
  void destinationWritabilityChanged(Channel destination) {
    if (waitingForDrain && destination.isWritable()) {
      waitingForDrain = false;
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
