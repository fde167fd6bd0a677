package io.socketx.bench;

import io.socketx.bench.load.LoadCommand;
import io.socketx.bench.upstream.UpstreamCommand;
import io.socketx.protocol.ProjectVersion;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code socketx-bench.jar}: the {@code load}, {@code upstream} and {@code jmh}
 * commands.
 */
@Command(
    name = "socketx-bench",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    subcommands = {LoadCommand.class, UpstreamCommand.class, JmhCommand.class, HelpCommand.class},
    usageHelpAutoWidth = true,
    description = {"Load generator, echo upstream and microbenchmarks for the SocketX proxy."},
    footer = {"%nRun 'java -jar socketx-bench.jar COMMAND --help' for the options of a command."})
public final class Main implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Prints the project version from the build. */
  public static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"socketx-bench " + ProjectVersion.current()};
    }
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The whole command line: enum values in any case, JMH's arguments passed through. */
  public static CommandLine commandLine() {
    CommandLine line = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    line.getSubcommands().get("jmh").setUnmatchedOptionsArePositionalParams(true);
    return line;
  }

  /** Without a command there is nothing to run: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing command: load, upstream or jmh");
  }
}
