package io.socketx.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketx.protocol.ProtocolError;
import io.socketx.proxy.config.ConfigLoader;
import io.socketx.proxy.config.ProxyConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every row of the seed's tables (SocketX Server: environment, Helm values, portal settings, log
 * fields) is honoured exactly, or is a row of docs/migrating-from-socketx-server.md. The proxy's
 * defaults come from its config loader and from the log lines of a real proxy process.
 */
class SeedCompatibilityTest {

  private static final Path SEED_TABLES =
      Repo.ROOT.resolve("packaging/src/test/resources/seed/tables.md");
  private static final Path MIGRATION = Repo.ROOT.resolve("docs/migrating-from-socketx-server.md");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Seed variable → our default as text, and the start-up log field (JSON pointer) showing it. */
  private static final Map<String, Default> ENVIRONMENT =
      Map.ofEntries(
          Map.entry("LISTEN_HOST", new Default(ProxyConfig::listenHost, null)),
          Map.entry("LISTEN_PORT", new Default(c -> c.listenPort(), null)),
          Map.entry("MTE_COMPANY_NAME", new Default(ProxyConfig::companyName, "/mte_company_name")),
          Map.entry(
              "MTE_LICENSE_KEY", new Default(c -> c.licenseKey().redacted(), "/mte_license_key")),
          Map.entry(
              "MTE_KYBER_STRENGTH", new Default(ProxyConfig::kyberStrength, "/mte_kyber_strength")),
          Map.entry(
              "MTE_DECODER_WINDOW_SIZE",
              new Default(ProxyConfig::decoderWindowSize, "/decoder_window_size")),
          Map.entry(
              "WS_READ_BUFFER_SIZE", new Default(ProxyConfig::readBufferSize, "/read_buffer_size")),
          Map.entry(
              "WS_WRITE_BUFFER_SIZE",
              new Default(ProxyConfig::writeBufferSize, "/write_buffer_size")),
          Map.entry(
              "CLIENT_PING_INTERVAL",
              new Default(ProxyConfig::clientPingInterval, "/client_ping_interval")),
          Map.entry(
              "CLIENT_PONG_TIMEOUT",
              new Default(ProxyConfig::clientPongTimeout, "/client_pong_timeout")),
          Map.entry(
              "UPSTREAM_PING_INTERVAL",
              new Default(ProxyConfig::upstreamPingInterval, "/upstream_ping_interval")),
          Map.entry(
              "UPSTREAM_PONG_TIMEOUT",
              new Default(ProxyConfig::upstreamPongTimeout, "/upstream_pong_timeout")),
          Map.entry("USE_CONSOLE_LOGS", new Default(ProxyConfig::consoleLogs, "/console_logs")),
          Map.entry("LOG_LEVEL", new Default(ProxyConfig::logLevel, "/log_level")),
          Map.entry("BILLING_PRODUCT", new Default(c -> c.billing().product(), "/billing/product")),
          Map.entry(
              "BILLING_REPORT_INTERVAL",
              new Default(c -> c.billing().reportInterval(), "/billing/report_interval")));

  private static final Map<String, List<List<String>>> SEED = MarkdownTables.read(SEED_TABLES);
  private static Process proxy;
  private static Path proxyOutput;
  private static JsonNode startupConfig;
  private static JsonNode closeAudit;

  @BeforeAll
  static void runTheProxyAndCloseOneConnection() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    proxyOutput =
        Files.createTempFile(
            Files.createDirectories(Repo.ROOT.resolve("packaging/target")), "seed-proxy-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.socketx.proxy.Main",
                "--demo")
            .redirectErrorStream(true)
            .redirectOutput(proxyOutput.toFile());
    builder.environment().clear();
    builder
        .environment()
        .putAll(
            Map.of(
                "LISTEN_HOST",
                "127.0.0.1",
                "LISTEN_PORT",
                String.valueOf(port),
                "HANDSHAKE_WARMUP",
                "0"));
    proxy = builder.start();
    startupConfig =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> logLine("Starting server"), Optional::isPresent)
            .get()
            .path("config");

    URI uri = URI.create("ws://127.0.0.1:" + port + "/seed");
    WebSocket socket =
        await()
            .atMost(Duration.ofSeconds(60))
            .ignoreExceptions()
            .until(
                () ->
                    HttpClient.newHttpClient()
                        .newWebSocketBuilder()
                        .buildAsync(uri, new WebSocket.Listener() {})
                        .get(30, TimeUnit.SECONDS),
                s -> s != null);
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "seed").get(30, TimeUnit.SECONDS);
    closeAudit =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> logLine("Connection closed"), Optional::isPresent)
            .get();
  }

  @AfterAll
  static void stopTheProxy() throws InterruptedException {
    if (proxy != null) {
      proxy.destroy();
      if (!proxy.waitFor(60, TimeUnit.SECONDS)) {
        proxy.destroyForcibly();
      }
    }
  }

  @Test
  void everySeedVariableHasTheSeedsDefaultInTheLoaderAndTheStartupLogOrIsDocumented()
      throws Exception {
    // the demo's loader: the seed has no identity key, so an ephemeral one stands in for it
    ProxyConfig defaults = ConfigLoader.loadForDemo(Map.of());
    List<String> differing = new ArrayList<>();
    for (List<String> row : table("Environment variables")) {
      String variable = row.get(0);
      Default ours = ENVIRONMENT.get(variable);
      assertThat(ours).as("the test knows where %s lands", variable).isNotNull();
      String seedDefault = normalise(row.get(1));
      String loaded = normalise(ours.value().apply(defaults));
      boolean logged =
          ours.startupField() == null
              || normalise(startupConfig.at(ours.startupField())).equals(loaded);
      assertThat(logged)
          .as("start-up log %s shows the loader's default of %s", ours.startupField(), variable)
          .isTrue();
      if (!loaded.equals(seedDefault)) {
        differing.add(variable);
      }
    }
    assertDocumented(differing);
  }

  @Test
  void everySeedHelmValueHasTheSeedsDefaultInBothChartsOrIsDocumented() {
    List<String> differing = new ArrayList<>();
    for (Path chart : List.of(Repo.SOCKETX_CHART, Repo.AKS_CHART)) {
      Map<String, Object> values = HelmRunner.readYaml(chart.resolve("values.yaml"));
      for (List<String> row : table("Helm values")) {
        Object ours = HelmRunner.valueAt(values, row.get(0));
        if (ours == null || !normalise(ours).equals(normalise(row.get(1)))) {
          differing.add(row.get(0));
        }
      }
    }
    assertDocumented(differing);
  }

  @Test
  void everySeedPortalSettingHasTheSeedsDefaultInTheUiAndTheArmTemplateOrIsDocumented()
      throws IOException {
    JsonNode ui = JSON.readTree(Repo.AKS_EXTENSION.resolve("createUIDefinition.json").toFile());
    JsonNode arm = JSON.readTree(Repo.AKS_EXTENSION.resolve("mainTemplate.json").toFile());
    List<String> differing = new ArrayList<>();
    for (List<String> row : table("Portal settings")) {
      JsonNode element =
          ui.findParents("name").stream()
              .filter(n -> n.path("name").asText().equals(row.get(0)) && n.has("type"))
              .findFirst()
              .orElse(null);
      String seedDefault = normalise(row.get(2));
      boolean same =
          element != null
              && normalise(element.path("defaultValue")).equals(seedDefault)
              && normalise(arm.at("/parameters/" + row.get(1) + "/defaultValue"))
                  .equals(seedDefault)
              && ui.at("/parameters/outputs/" + row.get(1)).isTextual();
      if (!same) {
        differing.add(row.get(0));
      }
    }
    assertDocumented(differing);
  }

  @Test
  void everySeedLogFieldIsInTheProxysLogLinesOrIsDocumented() {
    List<String> differing = new ArrayList<>();
    for (List<String> row : table("Log fields")) {
      JsonNode line = row.get(0).equals("startup") ? startupConfig : closeAudit;
      if (!line.has(row.get(1))) {
        differing.add(row.get(1));
      }
    }
    assertThat(closeAudit.path("audit").isObject()).as("the close audit object").isTrue();
    // a plain WebSocket close without SocketX's authenticated CLOSE record is audited as
    // truncated (docs/protocol.md §9), not as the 1000 the client sent
    assertThat(closeAudit.at("/audit/close_code").asInt())
        .isEqualTo(ProtocolError.TRUNCATED.closeCode());
    assertDocumented(differing);
  }

  @Test
  void everyMigrationRowNamesASeedItemAndFillsEveryColumn() {
    Set<String> seedItems = new TreeSet<>();
    SEED.values().forEach(rows -> rows.forEach(row -> seedItems.addAll(row)));
    List<List<String>> rows = migrationRows();
    assertThat(rows).isNotEmpty();
    for (List<String> row : rows) {
      assertThat(row).as("seed → ours → why → how: %s", row).hasSize(4);
      assertThat(row).as("no empty column in %s", row).noneMatch(String::isBlank);
      assertThat(String.join(" ", row).toLowerCase()).doesNotContain("undocumented");
      assertThat(namesIn(row.get(0)))
          .as("row names a seed item: %s", row.get(0))
          .containsAnyElementsOf(seedItems);
    }
  }

  private static void assertDocumented(List<String> differing) {
    Set<String> documented = new TreeSet<>();
    for (List<String> row : migrationRows()) {
      documented.addAll(namesIn(row.get(0)));
    }
    assertThat(documented)
        .as("seed items that differ must be rows of %s", Repo.ROOT.relativize(MIGRATION))
        .containsAll(differing);
  }

  private static List<List<String>> migrationRows() {
    List<List<String>> rows = MarkdownTables.read(MIGRATION).get("What differs");
    assertThat(rows).as("the table under '## What differs'").isNotNull();
    return rows;
  }

  /** The backticked names in a cell: `X` and `A`, `B`. */
  private static Set<String> namesIn(String cell) {
    Set<String> names = new TreeSet<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("`([^`]+)`").matcher(cell);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static List<List<String>> table(String heading) {
    List<List<String>> rows = SEED.get(heading);
    assertThat(rows).as("seed table %s", heading).isNotNull().isNotEmpty();
    return rows;
  }

  private static Optional<JsonNode> logLine(String message) throws IOException {
    for (String line : Files.readAllLines(proxyOutput)) {
      if (line.startsWith("{")) {
        JsonNode node = JSON.readTree(line);
        if (message.equals(node.path("message").asText())) {
          return Optional.of(node);
        }
      }
    }
    return Optional.empty();
  }

  /** Text of a default: durations ("54s", PT54S) as seconds, JSON nodes as their text. */
  private static String normalise(Object value) {
    String text =
        value instanceof JsonNode node
            ? (node.isValueNode() ? node.asText() : node.toString())
            : String.valueOf(value);
    if (value instanceof Duration d) {
      return d.toSeconds() + "s";
    }
    if (text.matches("PT[0-9HMS.]+")) {
      return Duration.parse(text).toSeconds() + "s";
    }
    if (text.matches("[0-9]+[smh]")) {
      long n = Long.parseLong(text.substring(0, text.length() - 1));
      return switch (text.charAt(text.length() - 1)) {
        case 'm' -> n * 60 + "s";
        case 'h' -> n * 3600 + "s";
        default -> n + "s";
      };
    }
    return text;
  }

  private record Default(Function<ProxyConfig, Object> value, String startupField) {}
}
