package io.socketx.proxy.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener's TLS context, rebuilt when the certificate or key file changes (as cert-manager
 * rotates them); new connections use the newest good certificate, a broken update keeps the old.
 */
public final class ServerTls implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);

  private final Path certFile;
  private final Path keyFile;
  private final String[] protocols;
  private final AtomicReference<SslContext> context = new AtomicReference<>();
  private volatile Stamp stamp;
  private volatile ScheduledFuture<?> watch;

  private ServerTls(
      Path certFile, Path keyFile, String[] protocols, SslContext initial, Stamp stamp) {
    this.certFile = certFile;
    this.keyFile = keyFile;
    this.protocols = protocols;
    this.context.set(initial);
    this.stamp = stamp;
  }

  /**
   * Loads the PEM certificate chain and private key.
   *
   * @param minVersion lowest TLS version accepted: "1.2" or "1.3" (TLS_MIN_VERSION)
   * @throws IOException when the files cannot be read or do not form a key pair
   */
  public static ServerTls load(Path certFile, Path keyFile, String minVersion) throws IOException {
    String[] protocols =
        "1.3".equals(minVersion) ? new String[] {"TLSv1.3"} : new String[] {"TLSv1.3", "TLSv1.2"};
    Stamp stamp = Stamp.of(certFile, keyFile);
    return new ServerTls(certFile, keyFile, protocols, build(certFile, keyFile, protocols), stamp);
  }

  /** Checks the files for changes every {@code interval} on the given executor. */
  public void watch(EventExecutor executor, Duration interval) {
    long ms = interval.toMillis();
    watch = executor.scheduleWithFixedDelay(this::reloadIfChanged, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** A handler for a new connection, using the current certificate. */
  public SslHandler newHandler(ByteBufAllocator alloc) {
    return context.get().newHandler(alloc);
  }

  /** Re-reads the files when their size or modification time changed; returns whether it did. */
  public boolean reloadIfChanged() {
    try {
      Stamp now = Stamp.of(certFile, keyFile);
      if (now.equals(stamp)) {
        return false;
      }
      context.set(build(certFile, keyFile, protocols));
      stamp = now;
      LOG.info("Reloaded TLS certificate from {}", certFile);
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "Keeping the previous TLS certificate: reloading {} failed: {}", certFile, e.toString());
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

  private static SslContext build(Path certFile, Path keyFile, String[] protocols)
      throws IOException {
    try {
      return SslContextBuilder.forServer(certFile.toFile(), keyFile.toFile())
          .protocols(protocols)
          .build();
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid certificate or key: " + e.getMessage(), e);
    }
  }

  private record Stamp(FileTime certTime, long certSize, FileTime keyTime, long keySize) {
    static Stamp of(Path cert, Path key) throws IOException {
      return new Stamp(
          Files.getLastModifiedTime(cert),
          Files.size(cert),
          Files.getLastModifiedTime(key),
          Files.size(key));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Stamp s
          && s.certTime.equals(certTime)
          && s.certSize == certSize
          && s.keyTime.equals(keyTime)
          && s.keySize == keySize;
    }

    @Override
    public int hashCode() {
      return Objects.hash(certTime, certSize, keyTime, keySize);
    }
  }
}
