package io.socketx.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.socketx.contract.domainmap.DomainMapDocument;
import io.socketx.contract.domainmap.DomainMapParser;
import io.socketx.contract.domainmap.RouteTable;
import io.socketx.contract.env.ConfigParameter;
import io.socketx.contract.env.ProxyEnv;
import io.socketx.crd.ProxyBuffers;
import io.socketx.crd.ProxyTimeouts;
import io.socketx.crd.SocketXApi;
import io.socketx.crd.SocketXProxy;
import io.socketx.crd.SocketXProxySpec;
import io.socketx.crd.SocketXRoute;
import io.socketx.operator.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every value the CRD schema admits — generated from the schema's own patterns and bounds, plus the
 * edges — is either accepted by the proxy's parser or rejected by the operator naming the field.
 * There is no third outcome (admitted, written, and refused by the proxy).
 */
class SchemaBoundaryPropertiesTest {
  private static final JsonNode PROXY_SPEC = schema("socketxproxies.socketx.io.yaml").path("spec");
  private static final Pattern DURATION =
      Pattern.compile(
          PROXY_SPEC
              .path("properties")
              .path("timeouts")
              .path("properties")
              .path("writeTimeout")
              .path("pattern")
              .asText());
  private static final Map<String, ConfigParameter<?>> TIMEOUTS =
      Map.of(
          "clientPingInterval", ProxyEnv.CLIENT_PING_INTERVAL,
          "clientPongTimeout", ProxyEnv.CLIENT_PONG_TIMEOUT,
          "upstreamPingInterval", ProxyEnv.UPSTREAM_PING_INTERVAL,
          "upstreamPongTimeout", ProxyEnv.UPSTREAM_PONG_TIMEOUT,
          "writeTimeout", ProxyEnv.WRITE_TIMEOUT);
  private static final Map<String, BiConsumer<ProxyTimeouts, String>> TIMEOUT_SETTERS =
      Map.of(
          "clientPingInterval", ProxyTimeouts::setClientPingInterval,
          "clientPongTimeout", ProxyTimeouts::setClientPongTimeout,
          "upstreamPingInterval", ProxyTimeouts::setUpstreamPingInterval,
          "upstreamPongTimeout", ProxyTimeouts::setUpstreamPongTimeout,
          "writeTimeout", ProxyTimeouts::setWriteTimeout);

  @Property(tries = 500)
  void everyAdmittedTimeoutIsParsedByTheProxyOrRejectedNamingTheField(
      @ForAll("timeoutFields") String field, @ForAll("durations") String value) {
    assertThat(DURATION.matcher(value).matches()).as("generated from the schema").isTrue();
    SocketXProxySpec spec = new SocketXProxySpec();
    ProxyTimeouts timeouts = new ProxyTimeouts();
    TIMEOUT_SETTERS.get(field).accept(timeouts, value);
    spec.setTimeouts(timeouts);
    exactlyOneOutcome(spec, "spec.timeouts." + field, TIMEOUTS.get(field), value);
  }

  @Property(tries = 300)
  void everyAdmittedBufferSizeIsParsedByTheProxyOrRejectedNamingTheField(
      @ForAll("bufferSizes") int size, @ForAll boolean read) {
    SocketXProxySpec spec = new SocketXProxySpec();
    ProxyBuffers buffers = new ProxyBuffers();
    if (read) {
      buffers.setReadBufferSize(size);
    } else {
      buffers.setWriteBufferSize(size);
    }
    spec.setBuffers(buffers);
    exactlyOneOutcome(
        spec,
        read ? "spec.buffers.readBufferSize" : "spec.buffers.writeBufferSize",
        read ? ProxyEnv.READ_BUFFER_SIZE : ProxyEnv.WRITE_BUFFER_SIZE,
        String.valueOf(size));
  }

  @Property(tries = 300)
  void everyAdmittedDecoderWindowIsParsedByTheProxyOrRejectedNamingTheField(
      @ForAll("decoderWindows") int size) {
    SocketXProxySpec spec = new SocketXProxySpec();
    spec.setDecoderWindowSize(size);
    exactlyOneOutcome(
        spec, "spec.decoderWindowSize", ProxyEnv.DECODER_WINDOW_SIZE, String.valueOf(size));
  }

  @Property(tries = 500)
  void everyAdmittedRouteEntersADomainMapTheProxyTakesOrIsRejectedNamingTheField(
      @ForAll("hosts") String host,
      @ForAll("origins") String origin,
      @ForAll("upstreamUrls") String url)
      throws Exception {
    assertThat(host).matches(SocketXApi.HOST_PATTERN);
    assertThat(origin).matches(SocketXApi.ORIGIN_PATTERN);
    assertThat(url).matches(SocketXApi.UPSTREAM_URL_PATTERN);
    SocketXProxy proxy = Fixtures.proxy("ns", "edge");
    proxy.getMetadata().setCreationTimestamp("2026-01-01T00:00:00Z");
    SocketXRoute route = Fixtures.route("ns", "r", "edge", url, host);
    route.getSpec().setAllowedOrigins(List.of(origin));
    route.setMetadata(
        new ObjectMetaBuilder(route.getMetadata())
            .withCreationTimestamp("2026-01-01T00:00:00Z")
            .build());

    RouteResolution resolution =
        new RouteResolver("cluster.local", null).resolve(proxy, List.of(route));
    RouteOutcome outcome = resolution.outcomes().values().iterator().next();
    if (outcome.accepted()) {
      assertThat(resolution.domainMap()).containsKey(host);
    } else {
      assertThat(outcome.reason())
          .isIn(
              "InvalidHost",
              "InvalidOrigin",
              "InvalidUpstream",
              "UpstreamForbidden",
              "RefNotPermitted");
      assertThat(outcome.message()).containsAnyOf("host", "origin", "upstream");
      assertThat(resolution.domainMap()).doesNotContainKey(host);
    }
    // whatever was accepted, the proxy takes the whole document
    String json = DomainMapDocument.of(resolution.domainMap()).json();
    assertThat(DomainMapParser.parse(json).size()).isEqualTo(resolution.domainMap().size());
  }

  private static void exactlyOneOutcome(
      SocketXProxySpec spec, String field, ConfigParameter<?> parameter, String value) {
    List<SpecProblem> problems = ProxyEnvironment.problems(spec);
    boolean proxyParses = parameter.problemWith(value).isEmpty();
    if (proxyParses) {
      assertThat(problems).isEmpty();
      SocketXProxy proxy = Fixtures.proxy("ns", "edge");
      proxy.setSpec(spec);
      Map<String, String> env =
          ProxyEnvironment.of(ProxyPlan.of(proxy, List.of(), StatusModelTest.DEFAULTS)).stream()
              .filter(e -> e.getValue() != null)
              .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
      assertThat(env).containsEntry(parameter.key(), value);
      parameter.read(env);
    } else {
      assertThat(problems)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.field()).isEqualTo(field);
                assertThat(p.value()).isEqualTo(value);
                assertThat(p.message()).startsWith(field + "=" + value + ": ");
              });
    }
  }

  /**
   * Two tenants' routes on one proxy, each with any host the schema admits: the proxy takes the
   * merged document, no host name (with any port) is served for two namespaces, and a loser names
   * the older owner.
   */
  @Property(tries = 500)
  void noHostNameIsServedForTwoNamespaces(
      @ForAll("hosts") String olderHost, @ForAll("hosts") String newerHost) throws Exception {
    SocketXProxy proxy = Fixtures.proxyAcceptingAllNamespaces("infra", "edge");
    proxy.getSpec().setWildcardNamespaces(List.of("team-a", "team-b"));
    SocketXRoute older = Fixtures.route("team-a", "older", "edge", "ws://a:80", olderHost);
    SocketXRoute newer = Fixtures.route("team-b", "newer", "edge", "ws://b:80", newerHost);
    for (SocketXRoute r : List.of(older, newer)) {
      r.getSpec().getProxyRef().setNamespace("infra");
    }
    older.getMetadata().setCreationTimestamp("2026-01-01T00:00:00Z");
    newer.getMetadata().setCreationTimestamp("2026-01-01T00:00:01Z");

    RouteResolution resolution =
        new RouteResolver("cluster.local", null).resolve(proxy, List.of(newer, older));
    String json = DomainMapDocument.of(resolution.domainMap()).json();
    assertThat(DomainMapParser.parse(json).size()).isEqualTo(resolution.domainMap().size());

    RouteOutcome first = resolution.outcome(RouteRef.of(older)).orElseThrow();
    RouteOutcome second = resolution.outcome(RouteRef.of(newer)).orElseThrow();
    if (first.accepted() && second.accepted()) {
      RouteTable.Key a = RouteTable.keyOf(olderHost);
      RouteTable.Key b = RouteTable.keyOf(newerHost);
      assertThat(a.host().host().equals(b.host().host()) && a.wildcard() == b.wildcard())
          .as("%s and %s name one host", olderHost, newerHost)
          .isFalse();
    }
    if (first.accepted() && second.reason().equals("HostConflict")) {
      assertThat(second.message()).contains("SocketXRoute team-a/older");
    }
  }

  @Provide
  Arbitrary<String> timeoutFields() {
    return Arbitraries.of(TIMEOUTS.keySet());
  }

  /** Strings of the schema's duration pattern: 0, or parts of number, fraction and unit. */
  @Provide
  Arbitrary<String> durations() {
    Arbitrary<String> number =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, 100_000).map(String::valueOf),
            Arbitraries.of("0", "1", "59", "60", "3600", "999999999999999999999"));
    Arbitrary<String> fraction =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12).map(f -> "." + f));
    Arbitrary<String> unit = Arbitraries.of("ns", "us", "ms", "s", "m", "h");
    Arbitrary<String> part = Combinators.combine(number, fraction, unit).as((n, f, u) -> n + f + u);
    return Arbitraries.oneOf(
        Arbitraries.of("0", "1h", "1h0m0s", "3600s", "3600001ms", "1ms", "999us", "1.5s"),
        part.list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join("", parts)));
  }

  @Provide
  Arbitrary<Integer> bufferSizes() {
    return bounded(
        PROXY_SPEC.path("properties").path("buffers").path("properties").path("readBufferSize"));
  }

  @Provide
  Arbitrary<Integer> decoderWindows() {
    return bounded(PROXY_SPEC.path("properties").path("decoderWindowSize"));
  }

  private static Arbitrary<Integer> bounded(JsonNode property) {
    int min = property.path("minimum").asInt();
    int max = property.path("maximum").asInt();
    return Arbitraries.oneOf(
        Arbitraries.integers().between(min, max), Arbitraries.of(min, min + 1, max - 1, max));
  }

  /** Lower-case DNS labels joined by dots, optionally *. and :port, or * alone. */
  @Provide
  Arbitrary<String> hosts() {
    Arbitrary<String> label =
        Arbitraries.strings()
            .withChars("abcxyz0189-")
            .ofMinLength(1)
            .ofMaxLength(8)
            .filter(l -> !l.startsWith("-") && !l.endsWith("-"));
    Arbitrary<String> name = label.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(".", l));
    Arbitrary<String> port =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.integers().between(0, 99_999).map(p -> ":" + p),
            Arbitraries.of(":0", ":1", ":65535", ":65536", ":00080"));
    Arbitrary<String> wildcard = Arbitraries.of("", "*.");
    return Arbitraries.oneOf(
        Arbitraries.just("*"),
        Combinators.combine(wildcard, name, port).as((w, n, p) -> w + n + p));
  }

  @Provide
  Arbitrary<String> origins() {
    return Combinators.combine(Arbitraries.of("http://", "https://"), hosts())
        .as((scheme, host) -> host.equals("*") ? "*" : scheme + host);
  }

  /** ws(s)://authority[/path][?query] as the schema's URL pattern admits. */
  @Provide
  Arbitrary<String> upstreamUrls() {
    Arbitrary<String> authority =
        Arbitraries.oneOf(
            hosts().filter(h -> !h.contains("*")),
            Arbitraries.of("[::1]:8080", "127.0.0.1:0", "h:99999", "h:", "[::1", "h%20x"));
    Arbitrary<String> path =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.strings().withChars("abz09/-._~%").ofMaxLength(10).map(p -> "/" + p));
    Arbitrary<String> query =
        Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.of("?tenant=a", "?", "?a=b&c=d"));
    return Combinators.combine(Arbitraries.of("ws://", "wss://"), authority, path, query)
        .as((s, a, p, q) -> s + a + p + q);
  }

  private static JsonNode schema(String file) {
    try {
      JsonNode crd =
          new ObjectMapper(new YAMLFactory()).readTree(Path.of("../crd/crds", file).toFile());
      return crd.path("spec")
          .path("versions")
          .get(0)
          .path("schema")
          .path("openAPIV3Schema")
          .path("properties");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
