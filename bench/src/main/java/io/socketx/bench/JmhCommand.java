package io.socketx.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The {@code jmh} command: hands every argument, unparsed, to JMH's own command line. */
@Command(
    name = "jmh",
    description = {
      "Run the JMH microbenchmarks. Every argument goes to JMH unchanged, e.g. -l to list them,"
          + " '.*Codec.*' -f 1 -wi 2 -i 3 to run some, -h for JMH's options."
    })
final class JmhCommand implements Callable<Integer> {
  @Parameters(paramLabel = "JMH_ARGUMENT", description = "an argument for JMH")
  List<String> arguments = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    org.openjdk.jmh.Main.main(arguments.toArray(String[]::new));
    return 0;
  }
}
