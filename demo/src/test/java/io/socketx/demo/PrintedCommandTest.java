package io.socketx.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrintedCommandTest {

  @Test
  void shellBlocksYieldTheirCommandsWithContinuationsJoinedAndCommentsDropped() {
    String markdown =
        String.join(
            "\n",
            "Intro `not a command`.",
            "```sh",
            "# a comment",
            "./demo.sh",
            "",
            "echo hello | java -jar c.jar \\",
            "  --origin o ws://h/chat      # -> hello",
            "```",
            "```java",
            "int x = 1;",
            "```",
            "```",
            "plain output",
            "```");

    assertThat(PrintedCommand.inShellBlocks(markdown))
        .containsExactly(
            new PrintedCommand("./demo.sh", Optional.empty()),
            new PrintedCommand(
                "echo hello | java -jar c.jar --origin o ws://h/chat", Optional.of("hello")));
  }

  @Test
  void aSectionEndsAtTheNextHeadingOfItsLevel() {
    String markdown = "# T\n\n## A\n```sh\na\n```\n### A.1\n```sh\nb\n```\n## B\n```sh\nc\n```\n";

    assertThat(PrintedCommand.inSection(markdown, "## A"))
        .extracting(PrintedCommand::text)
        .containsExactly("a", "b");
    assertThatThrownBy(() -> PrintedCommand.inSection(markdown, "## C"))
        .hasMessageContaining("no section '## C'");
  }

  @Test
  void demoOutputYieldsTheIndentedLinesBetweenItsMarkers() {
    String output =
        String.join(
            "\n",
            "==> Starting",
            "  not yet",
            "SocketX is running. In another terminal:",
            "",
            "  cd /repo",
            "  # a comment",
            "  curl http://127.0.0.1:1/readyz",
            "  echo x | client ws://127.0.0.1:1/        # -> v2: x",
            "",
            "Ctrl-C stops everything.",
            "  after");

    assertThat(PrintedCommand.inDemoOutput(output))
        .isEqualTo(
            List.of(
                new PrintedCommand("cd /repo", Optional.empty()),
                new PrintedCommand("curl http://127.0.0.1:1/readyz", Optional.empty()),
                new PrintedCommand("echo x | client ws://127.0.0.1:1/", Optional.of("v2: x"))));
    assertThatThrownBy(() -> PrintedCommand.inDemoOutput("==> Starting\n"))
        .hasMessageContaining("no instructions");
  }
}
