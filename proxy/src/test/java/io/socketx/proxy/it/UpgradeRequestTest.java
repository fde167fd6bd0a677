package io.socketx.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketx.proxy.ProxyServer;
import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Upgrade requests written byte for byte on a raw socket, as a hostile or outdated client would:
 * each malformed one is refused before routing with the status nginx and Envoy answer.
 */
class UpgradeRequestTest extends ProxyTestSupport {
  private static final String GOOD_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
  private ProxyServer proxy;

  @BeforeEach
  void start() throws Exception {
    proxy = proxy(env(map(route("*", upstream().url("ws"), "*"))));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "well-formed                  | 101 | ",
        "duplicate Host               | 400 | duplicate_host",
        "version 8 (hybi-08)          | 426 | unsupported_websocket_version",
        "no version (Hixie-76)        | 426 | unsupported_websocket_version",
        "two versions                 | 426 | unsupported_websocket_version",
        "key not base64 of 16 bytes   | 400 | bad_websocket_key",
        "key of 15 bytes              | 400 | bad_websocket_key",
        "no key                       | 400 | bad_websocket_key",
      })
  void refusesMalformedUpgradeRequestsBeforeRouting(String request, int status, String reason)
      throws Exception {
    String headers =
        switch (request.trim()) {
          case "well-formed" -> host() + version("13") + key(GOOD_KEY);
          case "duplicate Host" -> host() + "Host: other.test\r\n" + version("13") + key(GOOD_KEY);
          case "version 8 (hybi-08)" -> host() + version("8") + key(GOOD_KEY);
          case "no version (Hixie-76)" -> host() + key(GOOD_KEY);
          case "two versions" -> host() + version("13") + version("8") + key(GOOD_KEY);
          case "key not base64 of 16 bytes" -> host() + version("13") + key("abc");
          case "key of 15 bytes" -> host() + version("13") + key("AAAAAAAAAAAAAAAAAAAA");
          case "no key" -> host() + version("13");
          default -> throw new IllegalArgumentException(request);
        };

    String response = exchange(headers);

    assertThat(response).startsWith("HTTP/1.1 " + status + " ");
    if (reason != null) {
      assertThat(response).contains("{\"error\":\"" + reason + "\"}");
      assertThat(admin(proxy, "/metrics").body())
          .contains("socketx_upgrade_rejections_total{reason=\"" + reason + "\"} 1.0");
    }
    if (status == 426) {
      assertThat(response.toLowerCase()).contains("sec-websocket-version: 13");
    }
  }

  private static String host() {
    return "Host: app.test\r\n";
  }

  private static String version(String v) {
    return "Sec-WebSocket-Version: " + v + "\r\n";
  }

  private static String key(String k) {
    return "Sec-WebSocket-Key: " + k + "\r\n";
  }

  /** Sends one upgrade request and returns the response head. */
  private String exchange(String headers) throws IOException {
    try (RawUpgrade upgrade = RawUpgrade.send(proxy.port(), "127.0.0.1", headers)) {
      return upgrade.response;
    }
  }
}
