package io.socketx.proxy.identity;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.socketx.protocol.v2.Fingerprint;
import io.socketx.protocol.v2.IdentityKeys;
import io.socketx.proxy.config.IdentityKeyFile;
import io.socketx.proxy.config.ProxyConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity keys the proxy signs handshakes with. Keys from {@code IDENTITY_KEY_FILE} are
 * re-read when the file changes (an operator rotates them by rewriting the Secret): new connections
 * use the newest good keys, a broken update keeps the old ones. Logs show fingerprints only.
 */
public final class ProxyIdentity implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyIdentity.class);

  private final Optional<Path> file;
  private final AtomicReference<IdentityKeys> keys;
  private volatile ScheduledFuture<?> watch;
  private volatile String lastProblem;

  private ProxyIdentity(Optional<Path> file, IdentityKeys initial) {
    this.file = file;
    this.keys = new AtomicReference<>(initial);
  }

  /** Keys as configured: read from a file (then watched by {@link #watch}), or ephemeral. */
  public static ProxyIdentity of(ProxyConfig.Identity configured) {
    return new ProxyIdentity(configured.file(), configured.keys());
  }

  /** The keys new connections use. */
  public IdentityKeys current() {
    return keys.get();
  }

  /** The fingerprints of the current keys, default first. */
  public List<Fingerprint> fingerprints() {
    return current().fingerprints();
  }

  /** The key file, or empty for an ephemeral key. */
  public Optional<Path> file() {
    return file;
  }

  /** Checks the file for changes every {@code interval} on the given executor. */
  public void watch(EventExecutor executor, Duration interval) {
    if (file.isEmpty()) {
      return;
    }
    long ms = interval.toMillis();
    watch = executor.scheduleWithFixedDelay(this::reloadIfChanged, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Re-reads the file; returns whether its keys differ from the current ones. */
  public boolean reloadIfChanged() {
    if (file.isEmpty()) {
      return false;
    }
    try {
      IdentityKeys read = IdentityKeyFile.read(file.get());
      IdentityKeys old = keys.get();
      if (read.fingerprints().equals(old.fingerprints())) {
        lastProblem = null;
        return false;
      }
      lastProblem = null;
      keys.set(read);
      LOG.info(
          "Reloaded identity keys from {}: now {} (was {})",
          file.get(),
          read.fingerprints(),
          old.fingerprints());
      return true;
    } catch (IOException | RuntimeException e) {
      if (e.getMessage() != null && e.getMessage().equals(lastProblem)) {
        return false; // said once per problem, not every interval
      }
      lastProblem = e.getMessage();
      LOG.warn(
          "Keeping identity keys {}: reloading {} failed: {}",
          keys.get().fingerprints(),
          file.get(),
          e.getMessage());
      return false;
    }
  }

  @Override
  public void close() {
    ScheduledFuture<?> w = watch;
    if (w != null) {
      w.cancel(false);
    }
  }
}
