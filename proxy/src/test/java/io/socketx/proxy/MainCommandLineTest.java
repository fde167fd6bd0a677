package io.socketx.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketx.protocol.ProjectVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The proxy's command line, parsed in-process; none of these cases starts a server. */
class MainCommandLineTest {
  private record Result(int exit, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        new CommandLine(new Main())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h", "help"})
  void helpExitsZeroAndPointsAtTheEnvironmentVariables(String arg) {
    Result r = run(arg);

    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .startsWith("Usage: socketx-proxy")
        .contains("--demo", "--version", "docs/configuration.md", "LISTEN_PORT", "DOMAIN_MAP");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--version", "-V"})
  void versionPrintsTheProjectVersion(String arg) {
    Result r = run(arg);

    assertThat(r.exit()).isZero();
    assertThat(r.out().strip()).isEqualTo("socketx-proxy " + ProjectVersion.current());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--bogus       | Unknown option: '--bogus'",
        "--demo=yes    | --demo",
        "serve         | Unmatched argument at index 0: 'serve'",
      })
  void badCommandLinesExitTwoNamingTheProblem(String args, String message) {
    Result r = run(args.split(" "));

    assertThat(r.exit()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(r.err()).contains(message);
  }

  @Test
  void demoIsAFlagOfTheRootCommand() {
    Main main = new Main();
    new CommandLine(main).parseArgs("--demo");

    assertThat(main.demo).isTrue();
  }
}
