package io.socketx.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketx.proxy.ProxyServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointsTest extends ProxyTestSupport {

  @Test
  void echoReturnsMessageAndRfc3339Timestamp() throws Exception {
    ProxyServer proxy = proxy(env("{}"));
    HttpResponse<String> response = get(proxy, "/api/socketx-echo?msg=test");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).contains("application/json");
    JsonNode body = new ObjectMapper().readTree(response.body());
    assertThat(body.get("message").asText()).isEqualTo("test");
    assertThat(Instant.parse(body.get("timestamp").asText()))
        .isBefore(Instant.now().plusSeconds(1));
  }

  @Test
  void healthAndReadinessAnswer200WhileServing() throws Exception {
    ProxyServer proxy = proxy(env("{}"));
    assertThat(admin(proxy, "/healthz").statusCode()).isEqualTo(200);
    assertThat(admin(proxy, "/readyz").statusCode()).isEqualTo(200);
    assertThat(get(proxy, "/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void metricsArePrometheusText() throws Exception {
    ProxyServer proxy = proxy(env("{}"));
    HttpResponse<String> response = admin(proxy, "/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
    assertThat(response.body())
        .contains("socketx_connections_open")
        .contains("socketx_connections_total")
        .contains("socketx_messages_encoded_total")
        .contains("socketx_messages_decoded_total")
        .contains("socketx_bytes_encoded_total")
        .contains("socketx_upstream_connect_seconds");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/metrics", "/readyz", "/healthz"})
  void adminEndpointsAreNotOnThePublicPort(String path) throws Exception {
    ProxyServer proxy = proxy(env("{}"));
    assertThat(proxy.adminPort()).isNotEqualTo(proxy.port());
    assertThat(get(proxy, path).statusCode()).isEqualTo(404);
    assertThat(admin(proxy, path).statusCode()).isEqualTo(200);
  }

  @Test
  void adminPortServesNoWebSocketAndNoEcho() throws Exception {
    ProxyServer proxy = proxy(env("{}"));
    assertThat(admin(proxy, "/api/socketx-echo?msg=x").statusCode()).isEqualTo(404);
  }
}
