package io.socketx.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipe tables of a Markdown file, keyed by the heading above each; cells trimmed, one pair of
 * surrounding backticks removed ({@code `x`} is x). Cells must not contain a pipe.
 */
final class MarkdownTables {

  private MarkdownTables() {}

  /** Heading text (without #) to the rows under it, the header row and separator left out. */
  static Map<String, List<List<String>>> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, List<List<String>>> tables = new LinkedHashMap<>();
    String heading = "";
    int rowInTable = 0;
    for (String line : lines) {
      if (line.startsWith("#")) {
        heading = line.replaceFirst("^#+\\s*", "").trim();
        rowInTable = 0;
      } else if (line.startsWith("|")) {
        rowInTable++;
        if (rowInTable > 2) {
          tables.computeIfAbsent(heading, h -> new ArrayList<>()).add(cells(line));
        }
      } else {
        rowInTable = 0;
      }
    }
    return tables;
  }

  private static List<String> cells(String line) {
    String inner = line.trim();
    inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
    List<String> cells = new ArrayList<>();
    for (String cell : inner.split("\\|", -1)) {
      String c = cell.trim();
      if (c.length() >= 2
          && c.startsWith("`")
          && c.endsWith("`")
          && c.indexOf('`', 1) == c.length() - 1) {
        c = c.substring(1, c.length() - 1);
      }
      cells.add(c);
    }
    return cells;
  }
}
