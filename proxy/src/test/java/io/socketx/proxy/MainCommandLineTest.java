package io.socketx.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketx.protocol.ProjectVersion;
import io.socketx.protocol.v2.IdentityKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

  @Test
  void keygenWritesAnOwnerOnlyKeyFileAndPrintsItsFingerprint(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("identity.pem");
    Result r = run("keygen", "--out", key.toString());

    assertThat(r.exit()).isZero();
    String fingerprint = r.out().strip();
    assertThat(fingerprint).matches("sha256:[A-Za-z0-9_-]{43}");
    assertThat(Files.getPosixFilePermissions(key))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(IdentityKeys.parsePem(Files.readString(key)).fingerprints())
        .extracting(Object::toString)
        .containsExactly(fingerprint);
    assertThat(r.out() + r.err()).doesNotContain("PRIVATE KEY");

    Result printed = run("fingerprint", key.toString());
    assertThat(printed.exit()).isZero();
    assertThat(printed.out().strip()).isEqualTo(fingerprint);
  }

  @Test
  void keygenRefusesToOverwriteWithoutForce(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("identity.pem");
    run("keygen", "--out", key.toString());
    String first = Files.readString(key);

    Result refused = run("keygen", "--out", key.toString());
    assertThat(refused.exit()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(refused.err()).contains("exists").contains("--force");
    assertThat(Files.readString(key)).isEqualTo(first);

    Result forced = run("keygen", "--force", "--out", key.toString());
    assertThat(forced.exit()).isZero();
    assertThat(Files.readString(key)).isNotEqualTo(first);
    assertThat(run("fingerprint", key.toString()).out().strip()).isEqualTo(forced.out().strip());
  }

  @Test
  void fingerprintOfABadFileExitsTwoNamingTheProblem(@TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.pem"), "hello");
    Result r = run("fingerprint", bad.toString());

    assertThat(r.exit()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(r.err()).contains("holds no");
  }
}
