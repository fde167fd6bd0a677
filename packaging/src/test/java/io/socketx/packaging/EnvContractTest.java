package io.socketx.packaging;

import static io.socketx.packaging.Rendered.container;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketx.contract.env.ProxyEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable a chart sets is one its program reads: the proxy's documented
 * variables (docs/configuration.md, docs/billing.md) and the operator's OperatorConfig.
 */
class EnvContractTest {

  private static final Pattern VARIABLE = Pattern.compile("`([A-Z][A-Z0-9_]{2,})`");
  private static final Pattern JAVA_NAME = Pattern.compile("\"([A-Z][A-Z0-9_]{2,})\"");

  /**
   * Set by Kubernetes or the downward API for libraries in the pod, not by our programs' config.
   */
  private static final Set<String> PLATFORM = Set.of("POD_NAME", "POD_NAMESPACE");

  @Test
  void everyProxyVariableTheChartSetsIsDocumented() throws IOException {
    Set<String> documented = new TreeSet<>();
    documented.addAll(names(VARIABLE, Repo.ROOT.resolve("docs/configuration.md")));
    documented.addAll(names(VARIABLE, Repo.ROOT.resolve("docs/billing.md")));

    Map<String, Object> everything =
        Map.ofEntries(
            Map.entry("billingPlanId", "payg"),
            Map.entry("azureClientId", "c"),
            Map.entry("azureResourceId", "r"),
            Map.entry("listenHost", "0.0.0.0"),
            Map.entry("mteCompanyName", "x"),
            Map.entry("mteLicenseKey", "k"),
            Map.entry("mteKyberStrength", 1024),
            Map.entry("mteDecoderWindowSize", 10),
            Map.entry("wsReadBufferSize", 1024),
            Map.entry("wsWriteBufferSize", 1024),
            Map.entry("clientPingInterval", "1s"),
            Map.entry("clientPongTimeout", "1s"),
            Map.entry("upstreamPingInterval", "1s"),
            Map.entry("upstreamPongTimeout", "1s"),
            Map.entry("writeTimeout", "1s"),
            Map.entry("handshakeTimeout", "1s"),
            Map.entry("upstreamConnectTimeout", "1s"),
            Map.entry("shutdownDrainPeriod", "1s"),
            Map.entry("maxMessageSize", 2048),
            Map.entry("upstreamTlsVerifyHostname", true),
            Map.entry("upstreamCa", Map.of("configMapName", "ca")),
            Map.entry("upstreamAllow", "10.0.0.0/8"),
            Map.entry("maxConnections", 100),
            Map.entry("maxConcurrentHandshakes", 10),
            Map.entry("maxConcurrentHandshakesPerSource", 4),
            Map.entry("maxPendingBytesTotal", "64Mi"),
            Map.entry("clientPingRateLimit", 5),
            Map.entry("handshakeRate", 10),
            Map.entry("handshakeBurst", 10),
            Map.entry("handshakeRatePerSource", 1),
            Map.entry("handshakeBurstPerSource", 2),
            Map.entry("logRateLimit", 5),
            Map.entry(
                "tls",
                Map.of(
                    "enabled",
                    true,
                    "secretName",
                    "t",
                    "reloadInterval",
                    "5s",
                    "minVersion",
                    "1.3")));
    Set<String> set =
        envNames(HelmRunner.template(Repo.SOCKETX_CHART, everything).single("Deployment"));
    // Not covered: DOMAIN_MAP_FILE (domainMapLiveReload: true), which the proxy reads once the
    // live-reload work lands (docs/install.md says so); the default mode passes DOMAIN_MAP.
    set.removeAll(PLATFORM);

    assertThat(set).hasSizeGreaterThan(30);
    assertThat(documented)
        .as("variables in docs/configuration.md and docs/billing.md")
        .containsAll(set);
  }

  @Test
  void everyOperatorVariableTheChartSetsIsReadByTheOperator() throws IOException {
    Set<String> read = new TreeSet<>();
    read.addAll(
        names(
            JAVA_NAME,
            Repo.ROOT.resolve("operator/src/main/java/io/socketx/operator/OperatorConfig.java")));
    // LoggingSetup reads the logging variables with the proxy's own parameters
    read.add(ProxyEnv.USE_CONSOLE_LOGS.key());
    read.add(ProxyEnv.LOG_LEVEL.key());
    Set<String> set =
        envNames(HelmRunner.template(Repo.OPERATOR_CHART, Map.of()).single("Deployment"));
    set.removeAll(PLATFORM);
    // Billing identity for the proxies the operator runs (see docs/install.md, AKS extension).
    set.removeAll(Set.of("AZURE_CLIENT_ID", "BILLING_PLAN_ID", "AZURE_RESOURCE_ID"));

    assertThat(set).contains("SOCKETX_PROXY_IMAGE", "SOCKETX_LEADER_ELECTION");
    assertThat(read).as("variables the operator reads").containsAll(set);
  }

  private static Set<String> envNames(JsonNode deployment) {
    Set<String> names = new TreeSet<>();
    container(deployment).path("env").forEach(e -> names.add(e.path("name").asText()));
    return names;
  }

  private static Set<String> names(Pattern pattern, Path file) throws IOException {
    Set<String> names = new TreeSet<>();
    Matcher m = pattern.matcher(Files.readString(file));
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
