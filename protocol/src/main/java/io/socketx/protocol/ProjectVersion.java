package io.socketx.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The SocketX release these classes were built as, which every command line prints for --version.
 */
public final class ProjectVersion {
  private static final String RESOURCE = "project-version.properties";

  private ProjectVersion() {}

  /**
   * The Maven project version, e.g. {@code 0.1.0-SNAPSHOT}, written into a resource at build time.
   */
  public static String current() {
    try (InputStream in = ProjectVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
