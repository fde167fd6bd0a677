package io.socketx.e2e.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths inside the repository checkout the e2e tier runs from. */
public final class Repo {
  private Repo() {}

  /** The repository root (set by failsafe as {@code socketx.repo}). */
  public static Path root() {
    return Path.of(System.getProperty("socketx.repo", "..")).toAbsolutePath().normalize();
  }

  /** A file in the repository that must exist, e.g. a jar built by {@code mvn verify}. */
  public static Path require(String relative) {
    Path p = root().resolve(relative);
    if (!Files.exists(p)) {
      throw new IllegalStateException(
          p + " does not exist: run `mvn -B verify` (which builds it) before the e2e tier");
    }
    return p;
  }

  /** Directory for this run's logs and cluster state. */
  public static Path work() {
    return root().resolve("e2e/target/e2e");
  }
}
