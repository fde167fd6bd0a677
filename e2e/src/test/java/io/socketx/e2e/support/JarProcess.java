package io.socketx.e2e.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A {@code java -jar} process (operator or proxy) with its output in a log file. */
public final class JarProcess implements AutoCloseable {
  private final String name;
  private final Path log;
  private final Process process;

  private JarProcess(String name, Path log, Process process) {
    this.name = name;
    this.log = log;
    this.process = process;
  }

  /** Starts {@code jar} with exactly the given extra environment. */
  public static JarProcess start(String name, Path jar, Map<String, String> env, String... args) {
    try {
      Path logs = Repo.work().resolve("logs");
      Files.createDirectories(logs);
      Path log = logs.resolve(name + ".log");
      List<String> cmd = new ArrayList<>(List.of("java", "-Xmx256m", "-jar", jar.toString()));
      cmd.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().putAll(env);
      return new JarProcess(name, log, pb.start());
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The process output so far. */
  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** SIGTERM, then wait for a graceful exit; returns the exit code. */
  public int stop(Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop(Duration.ofSeconds(10));
    }
  }

  @Override
  public String toString() {
    return name + " (log " + log + ")";
  }
}
