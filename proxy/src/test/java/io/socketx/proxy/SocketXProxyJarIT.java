package io.socketx.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketx.protocol.ProjectVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded {@code socketx-proxy.jar} parses its command line with picocli as users run it. */
class SocketXProxyJarIT {
  private record Result(int exit, String out, String err) {}

  @TempDir Path dir;

  private Result runJar(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(System.getProperty("socketx.jar"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(env);
    Process p = builder.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void helpPrintsUsageAndExitsZero() throws Exception {
    Result r = runJar(Map.of(), "--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("Usage: socketx-proxy").contains("--demo", "LISTEN_PORT");
  }

  @Test
  void versionPrintsTheProjectVersion() throws Exception {
    Result r = runJar(Map.of(), "--version");

    assertThat(r.exit()).isZero();
    assertThat(r.out().strip()).isEqualTo("socketx-proxy " + ProjectVersion.current());
  }

  @Test
  void invalidVariableExitsTwoNamingIt() throws Exception {
    Result r = runJar(Map.of("LISTEN_PORT", "http"), "--demo");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("LISTEN_PORT");
  }
}
