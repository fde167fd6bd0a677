package io.socketx.proxy;

import sun.misc.Signal;

/** Runs the graceful shutdown on SIGTERM or SIGINT (once), so the process can exit 0. */
final class ShutdownSignal {
  private ShutdownSignal() {}

  static void onTerminate(Runnable shutdown) {
    Thread worker = new Thread(shutdown, "socketx-shutdown");
    java.util.concurrent.atomic.AtomicBoolean started =
        new java.util.concurrent.atomic.AtomicBoolean();
    Runnable once =
        () -> {
          if (started.compareAndSet(false, true)) {
            worker.start();
          }
        };
    Signal.handle(new Signal("TERM"), s -> once.run());
    Signal.handle(new Signal("INT"), s -> once.run());
  }
}
