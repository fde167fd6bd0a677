package io.socketx.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketx.bench.load.LoadCommand;
import io.socketx.bench.load.LoadOptions;
import io.socketx.protocol.ProjectVersion;
import io.socketx.protocol.Suite;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The command line of {@code socketx-bench}, parsed in-process; no case here runs a load. */
class BenchCommandLineTest {
  private record Result(int exit, String out, String err) {}

  private static Result run(String args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args.isBlank() ? new String[0] : args.trim().split("\\s+"));
    return new Result(exit, out.toString(), err.toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--help          | Usage: socketx-bench | load",
        "-h              | Usage: socketx-bench | upstream",
        "help            | Usage: socketx-bench | jmh",
        "help load       | Usage: socketx-bench load | --connections",
        "load --help     | Usage: socketx-bench load | --source-addresses",
        "load -h         | Usage: socketx-bench load | handshake-flood",
        "load --help     | Usage: socketx-bench load | --ping-size",
        "upstream --help | Usage: socketx-bench upstream | --behaviour",
      })
  void helpExitsZeroAndPrintsUsage(String args, String usage, String mentions) {
    Result r = run(args);

    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).startsWith(usage).contains(mentions);
  }

  @ParameterizedTest
  @CsvSource({"--version", "-V", "load --version", "upstream -V"})
  void versionPrintsTheProjectVersion(String args) {
    Result r = run(args);

    assertThat(r.exit()).isZero();
    assertThat(r.out().strip()).isEqualTo("socketx-bench " + ProjectVersion.current());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                             | Missing command",
        "compare                        | Unmatched argument at index 0: 'compare'",
        "load --size 4                  | --size must be between 8",
        "load --size lots               | Invalid value for option '--size'",
        "load --size 1k --size 2k       | option '--size' (BYTES) should be specified only once",
        "load --duration soon           | Invalid value for option '--duration'",
        "load --duration 0s             | --duration must be more than 0",
        "load --mode carrier            | Invalid value for option '--mode'",
        "load --url http://x/           | --url must start with ws:// or wss://",
        "load --suite 100               | Invalid value for option '--suite': strength must be one"
            + " of",
        "upstream --suite x             | Invalid value for option '--suite'",
        "load --connections many        | Invalid value for option '--connections'",
        "load --watch-pids 1,x          | Invalid value for option '--watch-pids'",
        "load --conections 3            | Unknown options: '--conections', '3'",
        "load --source-addresses 4 --url ws://10.0.0.1/ | --source-addresses needs a 127.x.x.x"
            + " --url",
        "load --scenario syn-flood      | is not a scenario: messages, handshakes, idle,"
            + " ping-flood, handshake-flood",
        "load --scenario ping-flood --rate 5 | --rate does not apply to ping-flood",
        "load --ping-size 126           | --ping-size must be between 0 and 125",
        "load --receive-buffer 1x       | Invalid value for option '--receive-buffer'",
        "load --first-source-address 10.0.0.1 | --first-source-address must be a loopback address",
        "load --first-source-address 127.0.0.300 | --first-source-address must be a loopback"
            + " address",
        "upstream --port 70000          | --port must be between 0 and 65535",
        "upstream --behaviour mirror    | Invalid value for option '--behaviour'",
        "upstream --tls-cert cert.pem   | --tls-cert and --tls-key go together",
      })
  void badCommandLinesExitTwoNamingTheProblem(String args, String message) {
    Result r = run(args);

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(message);
  }

  @Test
  void loadOptionsTakeUnitsAndAnyCaseAsTheScriptsWriteThem() {
    CommandLine line = Main.commandLine();
    line.parseArgs(
        "load",
        "--mode",
        "SocketX",
        "--size",
        "16KiB",
        "--warmup",
        "500ms",
        "--duration",
        "2m",
        "--suite",
        "0",
        "--watch-pids",
        "12,34",
        "--scenario",
        "Handshake-Flood",
        "--source-addresses",
        "3",
        "--first-source-address",
        "127.0.1.255",
        "--url=ws://127.0.0.1:8080/");
    LoadOptions options = line.getSubcommands().get("load").<LoadCommand>getCommand().options();

    assertThat(options.mode()).isEqualTo(LoadOptions.Mode.SOCKETX);
    assertThat(options.size()).isEqualTo(16 * 1024);
    assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
    assertThat(options.duration()).isEqualTo(Duration.ofMinutes(2));
    assertThat(options.suite()).isEqualTo(Suite.X25519);
    assertThat(options.watchPids()).containsExactly(12L, 34L);
    assertThat(options.port()).isEqualTo(8080);
    assertThat(options.scenario()).isEqualTo(LoadOptions.Scenario.HANDSHAKE_FLOOD);
    // the sources count up across the last octet
    assertThat(options.sourceAddress(0)).isEqualTo("127.0.1.255");
    assertThat(options.sourceAddress(2)).isEqualTo("127.0.2.1");
  }
}
