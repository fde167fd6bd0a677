package io.socketx.proxy.reload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes from a file ({@code DOMAIN_MAP_FILE}), re-read whenever its directory changes. Watching
 * the directory rather than the file survives editors that replace the file and Kubernetes
 * ConfigMap volumes, which swap a {@code ..data} symlink; a periodic re-read covers file systems
 * without change events.
 */
public final class FileRouteSource implements RouteSource {
  private static final Logger LOG = LoggerFactory.getLogger(FileRouteSource.class);
  private static final long MAX_BYTES = 16L * 1024 * 1024;

  private final Path file;
  private final long pollMillis;
  private volatile WatchService watch;
  private volatile Thread thread;
  private String lastProblem;

  public FileRouteSource(Path file, long pollMillis) {
    this.file = file.toAbsolutePath();
    this.pollMillis = pollMillis;
  }

  @Override
  public void start(RouteReloader reloader) throws IOException {
    watch = FileSystems.getDefault().newWatchService();
    file.getParent()
        .register(
            watch,
            StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_MODIFY,
            StandardWatchEventKinds.ENTRY_DELETE);
    read(reloader);
    thread = new Thread(() -> loop(reloader), "socketx-domain-map-file");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop(RouteReloader reloader) {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        var key = watch.poll(pollMillis, TimeUnit.MILLISECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
        read(reloader);
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void read(RouteReloader reloader) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        problem(reloader, "file is larger than " + MAX_BYTES + " bytes");
        return;
      }
      String json = Files.readString(file, StandardCharsets.UTF_8);
      lastProblem = null;
      reloader.offer(json, describe());
    } catch (NoSuchFileException e) {
      if (!"missing".equals(lastProblem)) {
        lastProblem = "missing";
        reloader.absent(describe());
      }
    } catch (IOException e) {
      problem(reloader, "cannot read: " + e.getMessage());
    }
  }

  private void problem(RouteReloader reloader, String problem) {
    if (!problem.equals(lastProblem)) {
      lastProblem = problem;
      reloader.reject(describe(), problem);
    } else {
      LOG.debug("{} still unusable: {}", describe(), problem);
    }
  }

  @Override
  public String describe() {
    return "file:" + file;
  }

  @Override
  public void close() {
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
    try {
      if (watch != null) {
        watch.close();
      }
    } catch (IOException e) {
      LOG.debug("closing the watch service failed", e);
    }
  }
}
