package io.socketx.bench;

import io.socketx.bench.load.LoadCommand;
import io.socketx.bench.report.LoadReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the {@code load} command in-process with a tiny default load, as the scripts would write it,
 * and returns the report as read back from its JSON file.
 */
final class BenchLoad {
  private BenchLoad() {}

  /** Loads {@code url}; any option in {@code extra} (name, value, …) replaces its default. */
  static LoadReport run(String url, Path json, String... extra) throws Exception {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("--url", url);
    args.put("--connections", "2");
    args.put("--size", "64");
    args.put("--duration", "1s");
    args.put("--warmup", "0s");
    args.put("--threads", "1");
    args.put("--json", json.toString());
    for (int i = 0; i < extra.length; i += 2) {
      args.put(extra[i], extra[i + 1]);
    }
    List<String> argv = new ArrayList<>();
    argv.add("load");
    args.forEach(
        (k, v) -> {
          argv.add(k);
          argv.add(v);
        });
    CommandLine line = Main.commandLine();
    line.parseArgs(argv.toArray(String[]::new));
    LoadCommand command = line.getSubcommands().get("load").getCommand();
    LoadReport report = LoadCommand.run(command.options());
    report.write(json);
    return LoadReport.read(json);
  }
}
