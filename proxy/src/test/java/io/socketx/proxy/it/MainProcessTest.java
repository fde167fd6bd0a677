package io.socketx.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketx.protocol.Suite;
import io.socketx.protocol.v2.ClientSettings;
import io.socketx.protocol.v2.Fingerprint;
import io.socketx.protocol.v2.Pins;
import io.socketx.proxy.relay.CloseCodes;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real entry point in its own JVM: exit codes, demo mode, start-up log, SIGTERM. */
class MainProcessTest extends ProxyTestSupport {
  private static final String PAYLOAD = "hello from the demo, never logged";
  @TempDir Path tmp;

  private Process start(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.socketx.proxy.Main");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .keySet()
        .removeIf(
            k ->
                k.startsWith("BILLING_")
                    || k.startsWith("TLS_")
                    || k.startsWith("LISTEN_")
                    || k.startsWith("IDENTITY_"));
    builder.environment().putAll(env);
    builder.redirectOutput(tmp.resolve("stdout").toFile());
    builder.redirectError(tmp.resolve("stderr").toFile());
    return builder.start();
  }

  private String stdout() throws Exception {
    return Files.readString(tmp.resolve("stdout"), StandardCharsets.UTF_8);
  }

  /** The fingerprint demo mode printed for its ephemeral identity key. */
  private String printedPin() throws Exception {
    String prefix = "Proxy identity: ";
    return stderr()
        .lines()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElseThrow()
        .substring(prefix.length());
  }

  private String stderr() throws Exception {
    return Files.readString(tmp.resolve("stderr"), StandardCharsets.UTF_8);
  }

  @Test
  void exitsWith2AndNamesTheInvalidVariable() throws Exception {
    Process p = start(Map.of("LISTEN_PORT", "http", "DOMAIN_MAP", "{}"));
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(stderr().strip())
        .isEqualTo("socketx-proxy: invalid configuration: LISTEN_PORT: 'http' is not an integer");
  }

  @Test
  void demoModeListensOnLoopbackRoundTripsAndSigtermDrainsAndExitsZero() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Process p =
        start(
            Map.of( // no LISTEN_HOST: demo mode defaults to 127.0.0.1
                "LISTEN_PORT", String.valueOf(port),
                "MTE_LICENSE_KEY", "super-secret-license",
                "LOG_LEVEL", "debug",
                "SHUTDOWN_DRAIN_PERIOD", "500ms"),
            "--demo");
    try {
      await()
          .atMost(CEILING)
          .ignoreExceptions()
          .until(
              () -> {
                new Socket("127.0.0.1", port).close();
                return true;
              });
      // demo mode without IDENTITY_KEY_FILE: an ephemeral key, whose pin it prints
      await().atMost(CEILING).until(() -> stderr().contains("Try: java -jar"));
      String pin = printedPin();
      assertThat(stderr()).contains("--pin " + pin + " ws://127.0.0.1:" + port + "/demo");
      TestClient client = track(TestClient.open(group, port, new TestClient.Options()));
      client
          .handshake(
              ClientSettings.of(Suite.X25519_MLKEM768, "/demo", Pins.of(Fingerprint.parse(pin))))
          .assertEchoes(PAYLOAD);

      p.destroy(); // SIGTERM
      assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.GOING_AWAY);
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
    } finally {
      p.destroyForcibly();
    }
    String out = stdout();
    String pin = printedPin();
    assertThat(out)
        .doesNotContain("super-secret-license")
        .doesNotContain(PAYLOAD)
        .doesNotContain("PRIVATE KEY");
    String digest =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(PAYLOAD.getBytes(StandardCharsets.UTF_8)));
    assertThat(out).contains("\"payload_sha256\":\"" + digest + "\"");
    JsonNode starting = null;
    JsonNode audit = null;
    ObjectMapper json = new ObjectMapper();
    for (String line : out.split("\n")) {
      if (line.isBlank() || line.contains(" |-")) {
        // logback's own status lines: a reactor build puts two logback-test.xml on the class path
        continue;
      }
      assertThat(line).as("every stdout line is a JSON log event, in %s", out).startsWith("{");
      JsonNode node = json.readTree(line);
      if ("Starting server".equals(node.path("message").asText())) {
        starting = node;
      }
      if ("audit".equals(node.path("event_type").asText())) {
        audit = node;
      }
    }
    assertThat(starting).as("Starting server line in %s", out).isNotNull();
    assertThat(starting.at("/config/mte_license_key").asText()).isEqualTo("[REDACTED]");
    assertThat(starting.at("/config/listen_addr").asText()).isEqualTo("127.0.0.1:" + port);
    assertThat(starting.at("/config/kyber_strength").asInt()).isEqualTo(512);
    assertThat(starting.at("/config/mte_kyber_strength").asInt())
        .as("the seed's field name beside ours")
        .isEqualTo(512);
    assertThat(starting.at("/config/mte_version").asText()).isEqualTo("aes-256-gcm/v2");
    assertThat(starting.at("/config/identity_fingerprints/0").asText()).isEqualTo(pin);
    assertThat(starting.at("/config/billing/strategy").asText()).isEqualTo("none");
    assertThat(audit).as("audit record in %s", out).isNotNull();
    assertThat(audit.path("close_code").asInt()).isEqualTo(CloseCodes.GOING_AWAY);
    assertThat(audit.path("messages_from_client").asInt()).isEqualTo(1);
    assertThat(audit.path("closed_by").asText()).isEqualTo("proxy");
    assertThat(audit.at("/audit/close_code").asInt())
        .as("the seed's audit object beside the top-level fields")
        .isEqualTo(CloseCodes.GOING_AWAY);
    assertThat(audit.at("/audit/messages_from_client").asInt()).isEqualTo(1);
    assertThat(new File(tmp.toFile(), "stdout")).exists();
  }
}
