package io.socketx.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command README.md, docs/configuration.md's "Demo" section and the running demo print, read
 * from that text and run as printed with bash against the real jars on 127.0.0.1: a new user can
 * paste them. The one edit: port 8080 becomes a free port, so the test never meets a demo someone
 * runs on this machine. {@code ./demo.sh} runs with {@code SKIP_BUILD=1} because this build made
 * its jars (a nested Maven would wait for the lock this build holds).
 */
class PrintedCommandsIT {
  private static final Path ROOT =
      Path.of(System.getProperty("socketx.repo", "..")).toAbsolutePath().normalize();
  private static final Duration CEILING = Duration.ofSeconds(120);

  /** README commands this test does not run, and why. */
  private static final Map<String, String> NOT_RUN =
      Map.of("mvn -B verify", "the build that runs this test");

  private final List<Process> started = new ArrayList<>();

  /** The printed command that lists the resources, once checked. */
  private String getCommand;

  @TempDir Path tmp;

  @AfterEach
  void stopEverythingStarted() throws InterruptedException {
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    }
  }

  @Test
  void readmeAndDemoCommandsWorkAsPrinted() throws Exception {
    List<PrintedCommand> readme = PrintedCommand.inShellBlocks(read("README.md"));
    assertThat(readme).extracting(PrintedCommand::text).contains("./demo.sh");
    int port = freePort();
    Path demoOut = tmp.resolve("demo.out");
    Process demo =
        startInBackground("./demo.sh --port " + port, Map.of("SKIP_BUILD", "1"), demoOut);
    String output = awaitOutput(demo, demoOut, "Ctrl-C stops everything.");
    assertThat(ListeningSockets.of(demo.toHandle()))
        .as("what the demo and the processes it started listen on")
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a.getAddress().isLoopbackAddress()).as("%s", a).isTrue());

    assertPageServed(output);

    for (PrintedCommand c : readme) {
      if (c.text().equals("./demo.sh") || NOT_RUN.containsKey(c.text())) {
        continue;
      }
      check(c, c.text().replace("127.0.0.1:8080", "127.0.0.1:" + port));
    }
    List<PrintedCommand> printed = PrintedCommand.inDemoOutput(output);
    assertThat(printed).as("commands printed by the demo:\n%s", output).hasSizeGreaterThan(4);
    for (PrintedCommand c : printed) {
      check(c, c.text());
    }
  }

  @Test
  void proxyDemoModeCommandsListenOnLoopbackAndTheirHintWorks() throws Exception {
    List<PrintedCommand> docs = PrintedCommand.inSection(read("docs/configuration.md"), "## Demo");
    assertThat(docs).isNotEmpty();
    for (PrintedCommand c : docs) {
      assertThat(c.text()).as("a --demo proxy command").contains("socketx-proxy.jar --demo");
      int port = freePort();
      Matcher listenPort = Pattern.compile("LISTEN_PORT=\\d+").matcher(c.text());
      String command =
          listenPort.find()
              ? listenPort.replaceFirst("LISTEN_PORT=" + port)
              : "LISTEN_PORT=" + port + " " + c.text();
      Path log = tmp.resolve("proxy-" + port + ".out");
      Process proxy = startInBackground(command, Map.of(), log);
      String started = awaitOutput(proxy, log, "try: ");
      assertThat(ListeningSockets.of(proxy.toHandle()))
          .as("`%s` listens on", c.text())
          .isNotEmpty()
          .allSatisfy(a -> assertThat(a.getAddress().isLoopbackAddress()).as("%s", a).isTrue());
      assertThat(started)
          .as("`%s` listens on 127.0.0.1 unless LISTEN_HOST says otherwise", c.text())
          .contains("\"listen_addr\":\"127.0.0.1:" + port + "\"");
      Matcher hint = Pattern.compile("try: (java -jar [^\"]+)\"").matcher(started);
      assertThat(hint.find()).as("the proxy prints a client command:\n%s", started).isTrue();
      check(PrintedCommand.of("echo hello | " + hint.group(1) + "   # -> hello"), null);
      proxy.descendants().forEach(ProcessHandle::destroy);
      proxy.destroy();
      assertThat(proxy.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
  }

  /**
   * The page URL the demo prints serves the echo chat page, the browser build and a config with the
   * proxy's pin (the browser tier, clients/js/test/browser, drives it in Chromium).
   */
  private static void assertPageServed(String output) throws Exception {
    Matcher url =
        Pattern.compile("Echo chat page \\(open in a browser\\): (http://localhost:\\d+/)")
            .matcher(output);
    assertThat(url.find()).as("the demo prints the page URL:\n%s", output).isTrue();
    HttpClient http = HttpClient.newHttpClient();
    Map<String, String> expected =
        Map.of(
            "", "SocketX echo chat",
            "app.js", "import { SocketX",
            "socketx.min.js", "SocketX",
            "config.json", "\"pin\":\"sha256:");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url.group(1) + e.getKey())).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("GET /%s", e.getKey()).isEqualTo(200);
      assertThat(r.body()).as("GET /%s", e.getKey()).contains(e.getValue());
    }
  }

  /** Runs {@code ran} (the printed command, or null for {@code c} itself) and checks its output. */
  private void check(PrintedCommand c, String ran) throws Exception {
    String command = ran == null ? c.text() : ran;
    if (c.expected().isPresent()) {
      // eventually: a route change reaches the proxy a moment after `apply` returned
      eventually(command)
          .untilAsserted(
              () -> {
                Result r = run(command);
                assertThat(r.stdout().strip()).as(r.describe()).isEqualTo(c.expected().get());
                assertThat(r.exit()).as(r.describe()).isZero();
              });
    } else if (command.startsWith("cd ")) {
      Result r = run(command);
      assertThat(r.exit()).as(r.describe()).isZero();
    } else if (command.contains("socketx-demo.jar apply -f ")) {
      Result r = run(command);
      assertThat(r.exit()).as(r.describe()).isZero();
      assertThat(r.stdout()).as(r.describe()).contains("socketxroute/echo applied");
    } else if (command.endsWith("socketx-demo.jar get")) {
      getCommand = command;
      eventually(command)
          .untilAsserted(
              () -> {
                Result r = run(command);
                assertThat(r.exit()).as(r.describe()).isZero();
                assertThat(r.stdout())
                    .as(r.describe())
                    .containsPattern("(?m)^NAME +REPLICAS +READY +ROUTES +CONFIGHASH$")
                    // no pods run here, so READY stays False; the local proxy serves the routes
                    .containsPattern("(?m)^quickstart +1 +\\w+ +3 +[0-9a-f]{64}$")
                    .containsPattern("(?m)^NAME +PROXY +HOSTS +ACCEPTED +UPSTREAM$")
                    .containsPattern(
                        "(?m)^echo +quickstart +echo.example.com,echo.example.com:8080 +True"
                            + " +ws://127.0.0.1:\\d+/?$");
              });
    } else if (command.matches("curl http://127\\.0\\.0\\.1:\\d+/readyz")) {
      eventually(command)
          .untilAsserted(
              () -> {
                Result r = run(command);
                assertThat(r.exit()).as(r.describe()).isZero();
                assertThat(r.stdout()).as(r.describe()).contains("\"status\":\"ready\"");
                if (getCommand != null) {
                  Matcher hash =
                      Pattern.compile("(?m)^quickstart .* ([0-9a-f]{64})$")
                          .matcher(run(getCommand).stdout());
                  assertThat(hash.find()).as("`%s` prints a configHash", getCommand).isTrue();
                  assertThat(r.stdout())
                      .as("the proxy serves the SocketXProxy's status.configHash; %s", r.describe())
                      .contains("\"configHash\":\"" + hash.group(1) + "\"");
                }
              });
    } else {
      fail("no check for the printed command `%s`: add one to PrintedCommandsIT", c.text());
    }
  }

  private static ConditionFactory eventually(String command) {
    return await(command)
        .atMost(CEILING)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofSeconds(1));
  }

  /** A finished shell command. */
  private record Result(String command, int exit, String stdout, String stderr) {
    String describe() {
      return "`" + command + "` exit " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  /** {@code bash -c command} in the repository root, stdin empty as when piped from nothing. */
  private Result run(String command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    Process p =
        new ProcessBuilder("bash", "-c", command)
            .directory(ROOT.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(CEILING.toSeconds(), TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      fail("`%s` did not finish within %s", command, CEILING);
    }
    return new Result(command, p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private Process startInBackground(String command, Map<String, String> env, Path output)
      throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder("bash", "-c", command)
            .directory(ROOT.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("LISTEN_"));
    pb.environment().putAll(env);
    Process p = pb.start();
    started.add(p);
    return p;
  }

  /** The process output once it contains {@code marker}. */
  private static String awaitOutput(Process p, Path output, String marker) {
    await()
        .atMost(Duration.ofSeconds(180))
        .failFast(
            () -> {
              if (!p.isAlive()) {
                throw new AssertionError(
                    "exited with "
                        + p.exitValue()
                        + " before printing '"
                        + marker
                        + "':\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
              }
            })
        .pollInterval(Duration.ofMillis(500))
        .until(() -> Files.readString(output, StandardCharsets.UTF_8).contains(marker));
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(String file) throws IOException {
    return Files.readString(ROOT.resolve(file), StandardCharsets.UTF_8);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
