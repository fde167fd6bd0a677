package io.socketx.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketx.protocol.ProjectVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The three shaded jars ({@code socketx-client}, {@code socketx-proxy}, {@code socketx-bench})
 * parse their command lines with picocli as users run them: {@code java -jar}, nothing else on the
 * class path. It lives here because bench is built after the other two.
 */
class CommandLineJarsIT {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} {1} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "client | --help                     | ''               | 0 | out | Usage: socketx-client",
        "client | --version                  | ''               | 0 | out | socketx-client {version}",
        "client | --strength 100 ws://127.0.0.1:1/ | ''         | 2 | err | '--strength'",
        "proxy  | --help                     | ''               | 0 | out | LISTEN_PORT",
        "proxy  | --version                  | ''               | 0 | out | socketx-proxy {version}",
        "proxy  | --bogus                    | ''               | 2 | err | Unknown option: '--bogus'",
        "proxy  | --demo                     | LISTEN_PORT=http | 2 | err | LISTEN_PORT: 'http'",
        "bench  | --help                     | ''               | 0 | out | Usage: socketx-bench",
        "bench  | --version                  | ''               | 0 | out | socketx-bench {version}",
        "bench  | load --size 4              | ''               | 2 | err | --size must be between 8",
        "bench  | jmh -l .*RouteTable.*      | ''               | 0 | out | RouteTableBenchmark.exactHost",
      })
  void jarAnswers(String jar, String args, String env, int exit, String stream, String expected)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(
        Path.of(System.getProperty("socketx.repo"), jar, "target", "socketx-" + jar + ".jar")
            .toString());
    command.addAll(List.of(args.split(" ")));
    Path out = dir.resolve("out");
    Path err = dir.resolve("err");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    if (!env.isEmpty()) {
      builder
          .environment()
          .put(env.substring(0, env.indexOf('=')), env.substring(env.indexOf('=') + 1));
    }
    Process process = builder.start();
    process.getOutputStream().close();

    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String printed = Files.readString(stream.equals("out") ? out : err, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(printed).isEqualTo(exit);
    assertThat(printed).contains(expected.replace("{version}", ProjectVersion.current()));
  }
}
