package io.socketx.operator;

import io.javaoperatorsdk.operator.Operator;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells a lost leader Lease, after which this replica must stop reconciling at once, from the
 * operator's own shutdown, which ends its leadership too.
 */
public final class LeadershipGuard {
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Runnable onLost;

  /** {@code onLost} runs when the Lease is lost while the operator is not stopping. */
  public LeadershipGuard(Runnable onLost) {
    this.onLost = onLost;
  }

  Runnable onStopLeading() {
    return () -> {
      if (!stopping.get()) {
        onLost.run();
      }
    };
  }

  /** Stops the operator; the leadership ending on the way is not treated as lost. */
  public void stop(Operator operator) {
    stopping.set(true);
    operator.stop();
  }
}
