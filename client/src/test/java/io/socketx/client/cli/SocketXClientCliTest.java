package io.socketx.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketx.client.TestResponderAccess;
import io.socketx.protocol.ProjectVersion;
import io.socketx.protocol.Suite;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SocketXClientCliTest {

  private record Result(int exit, String out, String err) {}

  private static Result run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        SocketXClientCli.run(
            args,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void echoesEachStdinLineAndExitsCleanly() throws Exception {
    try (var responder = TestResponderAccess.echo(Suite.X25519_MLKEM768)) {
      Result r =
          run(
              "first\nsecond line\n",
              "--origin",
              "https://app.example.com",
              "--strength",
              "768",
              "--pin",
              responder.pin(),
              "ws://127.0.0.1:" + responder.port() + "/echo");

      assertThat(r.err()).isEmpty();
      assertThat(r.exit()).isZero();
      assertThat(r.out()).isEqualTo("first\nsecond line\n");
    }
  }

  @Test
  void binaryModeSendsBinaryMessages() throws Exception {
    try (var responder = TestResponderAccess.echo(Suite.X25519)) {
      Result r =
          run(
              "abc\n",
              "--binary",
              "--strength",
              "0",
              "--pin",
              responder.pin(),
              "ws://127.0.0.1:" + responder.port());

      assertThat(r.exit()).isZero();
      assertThat(r.out()).isEqualTo("abc\n");
    }
  }

  @Test
  void connectionFailureIsOneLineOnStderrWithoutStackTrace() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }

    Result r = run("x\n", "--insecure", "ws://127.0.0.1:" + port + "/");

    assertThat(r.exit()).isEqualTo(SocketXClientCli.EXIT_FAILED);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("socketx-client: ").contains("127.0.0.1:" + port);
  }

  static Stream<Arguments> usageErrors() {
    return Stream.of(
        Arguments.of(new String[] {}, "Missing required parameter: 'URL'"),
        Arguments.of(new String[] {"--strength", "256", "ws://x"}, "'--strength'"),
        Arguments.of(new String[] {"--strength", "strong", "ws://x"}, "'--strength'"),
        Arguments.of(new String[] {"--header", "novalue", "ws://x"}, "'--header'"),
        Arguments.of(new String[] {"--wait", "soon", "ws://x"}, "'--wait'"),
        Arguments.of(new String[] {"--wait", "-1", "ws://x"}, "'--wait'"),
        Arguments.of(new String[] {"--origin"}, "'--origin'"),
        Arguments.of(new String[] {"http://127.0.0.1/"}, "ws://"),
        Arguments.of(new String[] {"ws://a", "ws://b"}, "Unmatched argument"),
        Arguments.of(new String[] {"--bogus", "ws://x"}, "Unknown option: '--bogus'"),
        Arguments.of(new String[] {"--pin", "md5:abc", "ws://x"}, "'--pin'"),
        Arguments.of(new String[] {"--pin", "sha256:tooshort", "ws://x"}, "32 bytes"));
  }

  @ParameterizedTest
  @MethodSource("usageErrors")
  void badCommandLinesExitTwoNamingTheProblem(String[] args, String mentions) {
    Result r = run("", args);

    assertThat(r.exit()).isEqualTo(SocketXClientCli.EXIT_USAGE);
    assertThat(r.err()).contains(mentions);
    assertThat(r.out()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h"})
  void helpExitsZeroAndPrintsEveryOption(String option) {
    Result r = run("", option);

    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .startsWith("Usage: socketx-client")
        .contains(
            "--origin",
            "--header",
            "--strength",
            "--binary",
            "--wait",
            "--cacert",
            "--pin",
            "--insecure",
            "--verbose",
            "--version",
            "Exit codes:");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--version", "-V"})
  void versionPrintsTheProjectVersion(String option) {
    Result r = run("", option);

    assertThat(r.exit()).isZero();
    assertThat(r.out().strip()).isEqualTo("socketx-client " + ProjectVersion.current());
  }

  @Test
  void refusesWsWithoutPinAndSaysHowToFixIt() throws Exception {
    try (var responder = TestResponderAccess.echo(Suite.X25519_MLKEM768)) {
      Result r = run("x\n", "ws://127.0.0.1:" + responder.port() + "/");

      assertThat(r.exit()).isEqualTo(SocketXClientCli.EXIT_FAILED);
      assertThat(r.err().lines()).hasSize(1);
      assertThat(r.err()).contains("--pin").contains("--insecure");
    }
  }

  @Test
  void wrongPinFailsNamingBothFingerprints() throws Exception {
    String other =
        io.socketx.protocol.v2.IdentityKey.generate(new java.security.SecureRandom())
            .fingerprint()
            .toString();
    try (var responder = TestResponderAccess.echo(Suite.X25519_MLKEM768)) {
      Result r = run("x\n", "--pin", other, "ws://127.0.0.1:" + responder.port() + "/");

      assertThat(r.exit()).isEqualTo(SocketXClientCli.EXIT_FAILED);
      assertThat(r.err()).contains(other).contains(responder.pin()).contains("mismatch");
      assertThat(r.out()).isEmpty();
    }
  }
}
