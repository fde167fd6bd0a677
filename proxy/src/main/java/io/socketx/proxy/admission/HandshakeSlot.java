package io.socketx.proxy.admission;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One admitted upgrade's place among the concurrent handshakes, held by its channel until the
 * SocketX handshake ends or the channel closes; releasing it twice is harmless.
 */
public final class HandshakeSlot {
  private static final AttributeKey<HandshakeSlot> KEY = AttributeKey.valueOf("socketx.slot");

  private final Runnable onRelease;
  private final AtomicBoolean released = new AtomicBoolean();

  /** A slot that runs {@code onRelease} (giving back its counts) once. */
  HandshakeSlot(Runnable onRelease) {
    this.onRelease = onRelease;
  }

  /** Lets {@code channel} hold this slot; it is released when the channel closes at the latest. */
  public void holdBy(Channel channel) {
    channel.attr(KEY).set(this);
    channel.closeFuture().addListener(f -> release());
  }

  /** Releases the slot {@code channel} holds, if any: its handshake ended. */
  public static void releaseHeldBy(Channel channel) {
    HandshakeSlot slot = channel.attr(KEY).getAndSet(null);
    if (slot != null) {
      slot.release();
    }
  }

  /** The handshake finished, failed, or its connection closed. */
  public void release() {
    if (released.compareAndSet(false, true)) {
      onRelease.run();
    }
  }
}
