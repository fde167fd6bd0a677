package io.socketx.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One shell command as the docs or the demo print it, with the output its trailing {@code # -> X}
 * comment promises, if any.
 */
record PrintedCommand(String text, Optional<String> expected) {
  private static final Pattern EXPECTED = Pattern.compile("^(.*?)\\s+# -> (.+)$");
  private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");

  /** A command line, its trailing {@code # -> X} split off. */
  static PrintedCommand of(String line) {
    Matcher m = EXPECTED.matcher(line.strip());
    return m.matches()
        ? new PrintedCommand(m.group(1).strip(), Optional.of(m.group(2).strip()))
        : new PrintedCommand(line.strip(), Optional.empty());
  }

  /**
   * The commands of every {@code ```sh} block in {@code markdown}: comment lines dropped, lines
   * ending in a backslash joined with the next.
   */
  static List<PrintedCommand> inShellBlocks(String markdown) {
    List<PrintedCommand> commands = new ArrayList<>();
    boolean inShell = false;
    StringBuilder pending = new StringBuilder();
    for (String line : markdown.split("\n", -1)) {
      Matcher fence = FENCE.matcher(line.strip());
      if (fence.matches()) {
        inShell = !inShell && fence.group(1).equals("sh");
        continue;
      }
      if (!inShell) {
        continue;
      }
      String stripped = line.strip();
      if (pending.isEmpty() && (stripped.isEmpty() || stripped.startsWith("#"))) {
        continue;
      }
      if (stripped.endsWith("\\")) {
        pending.append(stripped.substring(0, stripped.length() - 1).strip()).append(' ');
        continue;
      }
      commands.add(of(pending.append(stripped).toString()));
      pending.setLength(0);
    }
    return commands;
  }

  /** The commands of the markdown section under the heading {@code heading}, e.g. "## Demo". */
  static List<PrintedCommand> inSection(String markdown, String heading) {
    int start = markdown.indexOf("\n" + heading + "\n");
    if (start < 0) {
      throw new IllegalArgumentException("no section '" + heading + "'");
    }
    int end = markdown.indexOf("\n## ", start + heading.length() + 1);
    return inShellBlocks(markdown.substring(start, end < 0 ? markdown.length() : end));
  }

  /**
   * The commands the running demo prints: the indented, non-comment lines between "SocketX is
   * running" and "Ctrl-C stops everything".
   */
  static List<PrintedCommand> inDemoOutput(String output) {
    int start = output.indexOf("SocketX is running");
    int end = output.indexOf("Ctrl-C stops everything", Math.max(start, 0));
    if (start < 0 || end < 0) {
      throw new IllegalArgumentException("no instructions in the demo's output:\n" + output);
    }
    return output
        .substring(start, end)
        .lines()
        .filter(l -> l.startsWith("  ") && !l.isBlank() && !l.strip().startsWith("#"))
        .map(PrintedCommand::of)
        .toList();
  }
}
