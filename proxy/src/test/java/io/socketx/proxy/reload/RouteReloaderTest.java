package io.socketx.proxy.reload;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.socketx.contract.domainmap.DomainMapDocument;
import io.socketx.contract.domainmap.DomainMapParser;
import io.socketx.contract.domainmap.HostAndPort;
import io.socketx.contract.domainmap.RouteTable;
import io.socketx.proxy.relay.ConnectionInfo;
import io.socketx.proxy.relay.ConnectionRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RouteReloaderTest {
  private static final String A =
      "{\"a.example.com\":{\"upstream\":\"ws://127.0.0.1:1\",\"allowedOrigins\":[\"*\"]}}";
  private static final String B =
      "{\"b.example.com\":{\"upstream\":\"ws://127.0.0.1:2\",\"allowedOrigins\":[\"https://app.example.com\"]}}";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicReference<RouteTable> routes = new AtomicReference<>(RouteTable.empty());
  private final RouteReloader reloader =
      new RouteReloader(
          routes, new ConnectionRegistry(), Duration.ofHours(1), registry, Clock.systemUTC());

  @AfterEach
  void close() {
    reloader.close();
  }

  private double reloads(String result) {
    return registry.get("socketx.route.reloads").tag("result", result).counter().count();
  }

  @Test
  void appliesAValidDocumentAndReportsItsHash() {
    List<LoadedRoutes> seen = new ArrayList<>();
    reloader.onApplied(seen::add);

    reloader.offer(A, "test");

    assertThat(routes.get().resolve(HostAndPort.parse("a.example.com"))).isPresent();
    assertThat(reloader.current())
        .get()
        .extracting(LoadedRoutes::configHash)
        .isEqualTo(DomainMapDocument.hashOf(A));
    assertThat(reloader.synced()).isTrue();
    assertThat(seen).hasSize(1);
    assertThat(reloads("applied")).isEqualTo(1);
    assertThat(registry.get("socketx.routes").gauge().value()).isEqualTo(1);
    assertThat(
            registry
                .get("socketx.route.config.info")
                .tag("hash", DomainMapDocument.hashOf(A))
                .gauge()
                .value())
        .isEqualTo(1);
  }

  @Test
  void rejectsAnInvalidDocumentAndKeepsTheLastGoodTable() {
    reloader.offer(A, "test");
    RouteTable good = routes.get();

    reloader.offer("{\"x.example.com\":{\"upstream\":\"http://nope\"}}", "test");
    reloader.offer("not json", "test");

    assertThat(routes.get()).isSameAs(good);
    assertThat(reloader.current().get().configHash()).isEqualTo(DomainMapDocument.hashOf(A));
    assertThat(reloads("rejected")).isEqualTo(2);
  }

  @Test
  void theSameBadDocumentIsCountedOnce() {
    reloader.offer("not json", "file");
    reloader.offer("not json", "file");

    assertThat(reloads("rejected")).isEqualTo(1);
  }

  @Test
  void anUnchangedDocumentIsNotReapplied() {
    reloader.offer(A, "test");
    RouteTable first = routes.get();

    reloader.offer(A, "test");

    assertThat(routes.get()).isSameAs(first);
    assertThat(reloads("unchanged")).isEqualTo(1);
    assertThat(reloads("applied")).isEqualTo(1);
  }

  @Test
  void anAbsentSourceKeepsTheRoutesButCountsAsSynced() {
    reloader.offer(A, "test");
    RouteTable good = routes.get();

    reloader.absent("configmap:x/y");

    assertThat(routes.get()).isSameAs(good);
    assertThat(reloader.synced()).isTrue();
  }

  @Test
  void theConfigHashIsTheSha256OfTheText() {
    assertThat(DomainMapDocument.hashOf("{}"))
        .isEqualTo("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  }

  static Stream<Arguments> connections() {
    return Stream.of(
        Arguments.of("host still routed, any origin", "a.example.com", "https://x.example", true),
        Arguments.of("host no longer routed", "gone.example.com", "", false),
        Arguments.of("origin now allowed", "b.example.com", "https://app.example.com", true),
        Arguments.of("origin no longer allowed", "b.example.com", "https://evil.example", false),
        Arguments.of("no origin where one is required", "b.example.com", "", false),
        Arguments.of("still in the upgrade", "", "", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("connections")
  void drainKeepsOnlyConnectionsTheNewTableAdmits(
      String name, String host, String origin, boolean kept) throws Exception {
    RouteTable table =
        RouteTable.of(
            Stream.concat(
                    DomainMapParser.parse(A).routes().stream(),
                    DomainMapParser.parse(B).routes().stream())
                .toList());
    ConnectionInfo info =
        new ConnectionInfo("c1", "", host, origin, "ws://127.0.0.1:1/", Instant.now());

    assertThat(RouteReloader.admits(table, info)).isEqualTo(kept);
  }
}
