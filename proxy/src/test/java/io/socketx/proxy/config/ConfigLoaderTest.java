package io.socketx.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketx.billing.config.BillingProvider;
import io.socketx.billing.config.BillingStrategy;
import io.socketx.contract.upstream.UpstreamPolicy;
import io.socketx.protocol.v2.IdentityKey;
import io.socketx.protocol.v2.IdentityKeys;
import io.socketx.proxy.admission.AdmissionLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
  @TempDir static Path dir;
  private static IdentityKeys keys;
  private static Path keyFile;

  @BeforeAll
  static void writeKeyFile() throws Exception {
    keys =
        IdentityKeys.of(
            IdentityKey.generate(new SecureRandom()), IdentityKey.generate(new SecureRandom()));
    keyFile = Files.writeString(dir.resolve("identity.pem"), keys.toPem());
  }

  /** {@code vars} plus the identity key file every proxy needs. */
  private static Map<String, String> withIdentity(Map<String, String> vars) {
    Map<String, String> env = new HashMap<>(vars);
    env.putIfAbsent("IDENTITY_KEY_FILE", keyFile.toString());
    return env;
  }

  private static ProxyConfig load(Map<String, String> vars) throws ConfigException {
    return ConfigLoader.load(withIdentity(vars));
  }

  @Test
  void defaultsWhenNothingIsSet() throws Exception {
    ProxyConfig c = load(Map.of());
    assertThat(c.listenHost()).isEqualTo("0.0.0.0");
    assertThat(c.listenPort()).isEqualTo(8080);
    assertThat(c.routes().size()).isZero();
    assertThat(c.kyberStrength()).as("the seed's minimum").isEqualTo(512);
    assertThat(c.decoderWindowSize()).isEqualTo(1000);
    assertThat(c.handshakeWarmup()).isEqualTo(1000);
    assertThat(c.readBufferSize()).isEqualTo(1024);
    assertThat(c.writeBufferSize()).isEqualTo(1024);
    assertThat(c.clientPingInterval()).isEqualTo(Duration.ofSeconds(54));
    assertThat(c.clientPongTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.upstreamPingInterval()).isEqualTo(Duration.ofSeconds(54));
    assertThat(c.upstreamPongTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.writeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.logLevel()).isEqualTo("info");
    assertThat(c.consoleLogs()).isFalse();
    assertThat(c.upstreamVerifyHostname()).isTrue();
    assertThat(c.billing().strategy()).isEqualTo(BillingStrategy.NONE);
    assertThat(c.billing().enabled()).isFalse();
    assertThat(c.tls()).isEmpty();
    assertThat(c.admin()).isEqualTo(new ProxyConfig.AdminListener("0.0.0.0", 9090));
    int rate = 100 * Runtime.getRuntime().availableProcessors();
    assertThat(c.admission())
        .as("the proxy-wide rate follows the processors, the memory bound the heap")
        .isEqualTo(
            new AdmissionLimits(
                10_000,
                256,
                16,
                rate,
                2 * rate,
                20,
                40,
                100_000,
                Runtime.getRuntime().maxMemory() / 100 * 25));
    assertThat(c.logRateLimit()).isEqualTo(100);
    assertThat(UpstreamPolicy.format(c.upstreamDeny()))
        .as("standalone: link-local and unspecified, not loopback")
        .isEqualTo(UpstreamPolicy.format(UpstreamPolicy.parseRules("link-local,unspecified")));
    assertThat(c.upstreamAllow()).isEmpty();
  }

  @Test
  void readsEverySetting() throws Exception {
    ProxyConfig c =
        load(
            Map.ofEntries(
                Map.entry("LISTEN_HOST", "127.0.0.1"),
                Map.entry("LISTEN_PORT", "9000"),
                Map.entry(
                    "DOMAIN_MAP",
                    "{\"*\": {\"upstream\": \"wss://u:443\", \"allowedOrigins\": [\"*\"]}}"),
                Map.entry("MTE_COMPANY_NAME", "Acme"),
                Map.entry("MTE_LICENSE_KEY", "s3cret"),
                Map.entry("MTE_KYBER_STRENGTH", "0"),
                Map.entry("MTE_DECODER_WINDOW_SIZE", "64"),
                Map.entry("HANDSHAKE_WARMUP", "0"),
                Map.entry("WS_READ_BUFFER_SIZE", "4096"),
                Map.entry("WS_WRITE_BUFFER_SIZE", "8192"),
                Map.entry("CLIENT_PING_INTERVAL", "1m30s"),
                Map.entry("CLIENT_PONG_TIMEOUT", "500ms"),
                Map.entry("UPSTREAM_PING_INTERVAL", "0"),
                Map.entry("UPSTREAM_PONG_TIMEOUT", "20s"),
                Map.entry("WRITE_TIMEOUT", "2s"),
                Map.entry("USE_CONSOLE_LOGS", "true"),
                Map.entry("LOG_LEVEL", "DEBUG"),
                Map.entry("BILLING_STRATEGY", "request_based"),
                Map.entry("BILLING_PROVIDER", "azure"),
                Map.entry("BILLING_PLAN_ID", "gold"),
                Map.entry("BILLING_REPORT_INTERVAL", "1h"),
                Map.entry("ADMIN_HOST", "127.0.0.1"),
                Map.entry("ADMIN_PORT", "9191"),
                Map.entry("MAX_CONNECTIONS", "5"),
                Map.entry("MAX_CONCURRENT_HANDSHAKES", "4"),
                Map.entry("MAX_CONCURRENT_HANDSHAKES_PER_SOURCE", "1"),
                Map.entry("MAX_PENDING_BYTES_TOTAL", "64Mi"),
                Map.entry("HANDSHAKE_RATE", "3"),
                Map.entry("HANDSHAKE_BURST", "6"),
                Map.entry("HANDSHAKE_RATE_PER_SOURCE", "0"),
                Map.entry("HANDSHAKE_BURST_PER_SOURCE", "2"),
                Map.entry("HANDSHAKE_SOURCES_TRACKED", "7"),
                Map.entry("LOG_RATE_LIMIT", "0"),
                Map.entry("UPSTREAM_DENY", "0.0.0.0/0, ::/0"),
                Map.entry("UPSTREAM_ALLOW", "10.0.0.0/8,loopback")));
    assertThat(c.listenPort()).isEqualTo(9000);
    assertThat(c.routes().size()).isEqualTo(1);
    assertThat(c.licenseKey().reveal()).isEqualTo("s3cret");
    assertThat(c.licenseKey()).hasToString("[REDACTED]");
    assertThat(c.kyberStrength()).isZero();
    assertThat(c.handshakeWarmup()).isZero();
    assertThat(c.clientPingInterval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.clientPongTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.upstreamPingInterval()).isZero();
    assertThat(c.upstreamPongTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.consoleLogs()).isTrue();
    assertThat(c.logLevel()).isEqualTo("debug");
    assertThat(c.billing().enabled()).isTrue();
    assertThat(c.billing().reportInterval()).isEqualTo(Duration.ofHours(1));
    assertThat(c.admin()).isEqualTo(new ProxyConfig.AdminListener("127.0.0.1", 9191));
    assertThat(c.admission()).isEqualTo(new AdmissionLimits(5, 4, 1, 3, 6, 0, 2, 7, 64L << 20));
    assertThat(c.logRateLimit()).isZero();
    assertThat(c.upstreamDeny()).hasSize(2);
    assertThat(c.upstreamAllow()).hasSize(3);
  }

  @ParameterizedTest(name = "{0}={1} fails naming the variable")
  @CsvSource(
      delimiter = '|',
      value = {
        "LISTEN_PORT | abc | not an integer",
        "LISTEN_PORT | 70000 | between 0 and 65535",
        "DOMAIN_MAP | {bad | not valid JSON",
        "DOMAIN_MAP | {\"a.com\": {\"upstream\": \"http://x\", \"allowedOrigins\": []}} | ws:// or wss://",
        "MTE_KYBER_STRENGTH | 256 | must be one of",
        "MTE_DECODER_WINDOW_SIZE | 0 | between 1 and",
        "HANDSHAKE_WARMUP | -1 | between 0 and",
        "WS_READ_BUFFER_SIZE | 10 | between 256 and",
        "CLIENT_PING_INTERVAL | 5x | not a duration",
        "CLIENT_PONG_TIMEOUT | 2h | between",
        "WRITE_TIMEOUT | -1s | not a duration",
        "USE_CONSOLE_LOGS | maybe | not true or false",
        "USE_CONSOLE_LOGS | yes | not true or false",
        "CLIENT_PING_INTERVAL | 900 | not a duration",
        "LOG_LEVEL | trace | must be one of",
        "BILLING_STRATEGY | per_seat | must be one of",
        "BILLING_PROVIDER | aws | must be one of",
        "BILLING_PROVIDER | azure | needs BILLING_STRATEGY set",
        "BILLING_REPORT_INTERVAL | 2h | between",
        "TLS_CERT_FILE | /nonexistent/cert.pem | TLS_KEY_FILE",
        "UPSTREAM_CA_FILE | /nonexistent/ca.pem | does not exist",
        "ADMIN_PORT | 70000 | between 0 and 65535",
        "ADMIN_PORT | 8080 | must differ from LISTEN_PORT (8080)",
        "MAX_CONNECTIONS | -1 | between 0 and",
        "HANDSHAKE_BURST | 0 | between 1 and",
        "MAX_PENDING_BYTES_TOTAL | 1G | not a number of bytes",
        "MAX_PENDING_BYTES_TOTAL | -1 | between 0 and",
        "MAX_CONCURRENT_HANDSHAKES_PER_SOURCE | -1 | between 0 and",
        "UPSTREAM_DENY | 10.0.0.0/x | has an invalid prefix",
        "UPSTREAM_ALLOW | 10.0.0.0/40 | has a prefix longer than 32 bits",
        "UPSTREAM_DENY | link-local,meta_data | is not a CIDR block, an IP address, a host name"
      })
  void rejectsInvalidValue(String variable, String value, String problem) {
    assertThatThrownBy(() -> load(Map.of(variable, value)))
        .isInstanceOfSatisfying(
            ConfigException.class, e -> assertThat(e.variable()).isIn(variable, "TLS_KEY_FILE"))
        .hasMessageContaining(problem);
  }

  @Test
  void requestBasedBillingWithoutProviderCountsOnly() throws Exception {
    ProxyConfig c = load(Map.of("BILLING_STRATEGY", "request_based"));
    assertThat(c.billing().enabled()).isTrue();
    assertThat(c.billing().provider()).isEqualTo(BillingProvider.NONE);
  }

  @Test
  void azureBillingNeedsPlanId() {
    assertThatThrownBy(
            () -> load(Map.of("BILLING_STRATEGY", "request_based", "BILLING_PROVIDER", "azure")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("BILLING_PLAN_ID:");
  }

  @Test
  void readsTwoIdentityKeysDefaultFirst() throws Exception {
    ProxyConfig c = load(Map.of());
    assertThat(c.identity().file()).contains(keyFile);
    assertThat(c.identity().keys().fingerprints()).isEqualTo(keys.fingerprints());
  }

  @Test
  void requiresAnIdentityKeyFileAndSaysHowToMakeOne() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class, e -> assertThat(e.variable()).isEqualTo("IDENTITY_KEY_FILE"))
        .hasMessageContaining("socketx-proxy keygen");
  }

  @Test
  void demoModeMakesAnEphemeralIdentityWhenNoneIsConfigured() throws Exception {
    ProxyConfig c = ConfigLoader.loadForDemo(Map.of());
    assertThat(c.identity().file()).isEmpty();
    assertThat(c.identity().keys().fingerprints()).hasSize(1);
  }

  static Stream<Arguments> badIdentityFiles() {
    String one = IdentityKeys.of(IdentityKey.generate(new SecureRandom())).toPem();
    return Stream.of(
        Arguments.of("missing", null, "does not exist or is not readable"),
        Arguments.of("empty", "", "holds no"),
        Arguments.of("not PEM", "hello", "holds no"),
        Arguments.of("three keys", one + one + one, "one or two identity keys"),
        Arguments.of(
            "a certificate",
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            "expected PRIVATE KEY"),
        Arguments.of(
            "not a key",
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
            "not a PKCS#8 private key"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badIdentityFiles")
  void rejectsABadIdentityKeyFileNamingTheVariable(String name, String content, String problem)
      throws Exception {
    Path file = dir.resolve(name.replace(' ', '-') + ".pem");
    if (content != null) {
      Files.writeString(file, content);
    }
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("IDENTITY_KEY_FILE", file.toString())))
        .isInstanceOfSatisfying(
            ConfigException.class, e -> assertThat(e.variable()).isEqualTo("IDENTITY_KEY_FILE"))
        .hasMessageContaining(problem)
        .hasMessageNotContaining("AAAA");
  }
}
