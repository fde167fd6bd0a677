package io.socketx.contract.domainmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTableTest {
  private static final String MAP =
      """
      {
        "api.example.com:8443": {"upstream": "ws://exact-port:1", "allowedOrigins": ["*"]},
        "api.example.com":      {"upstream": "ws://exact:1", "allowedOrigins": ["*"]},
        "*.example.com":        {"upstream": "ws://wild:1", "allowedOrigins": ["*"]},
        "*.eu.example.com":     {"upstream": "ws://wild-eu:1", "allowedOrigins": ["*"]},
        "*.example.com:9000":   {"upstream": "ws://wild-port:1", "allowedOrigins": ["*"]},
        "[::1]:8080":           {"upstream": "ws://ipv6-port:1", "allowedOrigins": ["*"]},
        "10.0.0.1":             {"upstream": "ws://ipv4:1", "allowedOrigins": ["*"]},
        "*":                    {"upstream": "ws://global:1", "allowedOrigins": ["*"]}
      }
      """;

  @ParameterizedTest(name = "Host {0} -> {1}")
  @CsvSource({
    "api.example.com:8443, exact-port",
    "api.example.com, exact",
    "API.Example.COM, exact",
    "api.example.com., exact",
    "api.example.com:80, exact",
    "www.example.com, wild",
    "a.b.example.com, wild",
    "x.eu.example.com, wild-eu",
    "eu.example.com, wild",
    "www.example.com:9000, wild-port",
    "x.eu.example.com:9000, wild-eu",
    "example.com, global",
    "notexample.com, global",
    "'[::1]:8080', ipv6-port",
    "'[0:0:0:0:0:0:0:1]:8080', ipv6-port",
    "'[::1]:9090', global",
    "10.0.0.1:1234, ipv4",
    "other.org, global"
  })
  void resolvesByPrecedence(String host, String expectedUpstreamHost) throws Exception {
    RouteTable table = DomainMapParser.parse(MAP);
    Optional<Route> route = table.resolve(HostAndPort.parse(host));
    assertThat(route).map(r -> r.upstream().getHost()).contains(expectedUpstreamHost);
  }

  @ParameterizedTest(name = "Host {0} has no route without a global entry")
  @CsvSource({"example.com", "other.org", "'[::1]'"})
  void missesWithoutGlobalEntry(String host) throws Exception {
    RouteTable table =
        DomainMapParser.parse(
            "{\"*.example.com\": {\"upstream\": \"ws://w:1\", \"allowedOrigins\": [\"*\"]}}");
    assertThat(table.resolve(HostAndPort.parse(host))).isEmpty();
  }

  @ParameterizedTest(name = "{0} is rejected: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not json | not valid JSON",
        "[] | must be a JSON object",
        "{\"a.com\": {\"allowedOrigins\": [\"*\"]}} | missing \"upstream\"",
        "{\"a.com\": {\"upstream\": \"ws://u\"}} | missing \"allowedOrigins\"",
        "{\"a.com\": {\"upstream\": \"http://u\", \"allowedOrigins\": []}} | must use ws:// or wss://",
        "{\"a.com\": {\"upstream\": \"ws://u/?q=1\", \"allowedOrigins\": []}} | must not have",
        "{\"a.com\": {\"upstream\": \"ws://u\", \"allowedOrigins\": [\"https://a*.b.com\"]}} | must begin with '*.'",
        "{\"a.com\": {\"upstream\": \"ws://u\", \"allowedOrigins\": [\"app.b.com\"]}} | scheme://host",
        "{\"a.*.com\": {\"upstream\": \"ws://u\", \"allowedOrigins\": []}} | must begin with '*.'",
        "{\"A.com\": {\"upstream\": \"ws://u\", \"allowedOrigins\": []}, \"a.com\": {\"upstream\": \"ws://v\", \"allowedOrigins\": []}} | name the same host",
        "{\"a.com:99999\": {\"upstream\": \"ws://u\", \"allowedOrigins\": []}} | port out of range",
        "{\"a.com\": {\"upstream\": \"ws://u\", \"allowedOrigins\": [1]}} | only strings"
      })
  void rejectsInvalidDomainMap(String json, String problem) {
    assertThatThrownBy(() -> DomainMapParser.parse(json))
        .isInstanceOf(InvalidRoutesException.class)
        .hasMessageContaining(problem);
  }

  @ParameterizedTest(name = "{0} + {1} -> {2}")
  @CsvSource({
    "ws://u:1, /chat?room=1, ws://u:1/chat?room=1",
    "ws://u:1/, /chat, ws://u:1/chat",
    "wss://u/base, /chat?x=%20y, wss://u/base/chat?x=%20y",
    "ws://u/base/, /, ws://u/base/"
  })
  void appendsClientPathnameToUpstreamPath(String upstream, String pathname, String expected)
      throws Exception {
    Route route =
        DomainMapParser.parse(
                "{\"*\": {\"upstream\": \"" + upstream + "\", \"allowedOrigins\": [\"*\"]}}")
            .routes()
            .get(0);
    assertThat(route.upstreamFor(pathname)).hasToString(expected);
  }

  @ParameterizedTest(name = "Host header {0} -> {1}")
  @CsvSource({
    "example.com, example.com",
    "Example.com:8080, example.com:8080",
    "'[::1]:8080', '[::1]:8080'",
    "'[2001:DB8::0:1]', '[2001:db8::1]'",
    "'::1', '[::1]'"
  })
  void parsesHostHeaders(String header, String normalized) {
    assertThat(HostAndPort.parse(header)).hasToString(normalized);
  }

  @ParameterizedTest(name = "Host header {0} is invalid")
  @CsvSource({"'[::1'", "'a b'", "'host:'", "'host:abc'", "'[zz::1]:80'", "''"})
  void rejectsInvalidHostHeaders(String header) {
    assertThatThrownBy(() -> HostAndPort.parse(header))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
