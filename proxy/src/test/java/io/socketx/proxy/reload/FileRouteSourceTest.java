package io.socketx.proxy.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.socketx.contract.domainmap.HostAndPort;
import io.socketx.contract.domainmap.RouteTable;
import io.socketx.proxy.relay.ConnectionRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRouteSourceTest {
  @TempDir Path dir;

  private final AtomicReference<RouteTable> routes = new AtomicReference<>(RouteTable.empty());
  private final RouteReloader reloader =
      new RouteReloader(
          routes,
          new ConnectionRegistry(),
          Duration.ofHours(1),
          new SimpleMeterRegistry(),
          Clock.systemUTC());
  private FileRouteSource source;

  @AfterEach
  void close() {
    if (source != null) {
      source.close();
    }
    reloader.close();
  }

  private static String map(String host) {
    return "{\"" + host + "\":{\"upstream\":\"ws://127.0.0.1:9\",\"allowedOrigins\":[\"*\"]}}";
  }

  private boolean routes(String host) {
    return routes.get().resolve(HostAndPort.parse(host)).isPresent();
  }

  @Test
  void readsTheFileAtStartAndFollowsEditsInPlace() throws Exception {
    Path file = dir.resolve("domain-map.json");
    Files.writeString(file, map("one.example.com"));
    source = new FileRouteSource(file, 60_000);
    source.start(reloader);
    assertThat(routes("one.example.com")).isTrue();

    Files.writeString(file, map("two.example.com"));

    await().atMost(Duration.ofSeconds(60)).until(() -> routes("two.example.com"));
    assertThat(routes("one.example.com")).isFalse();
  }

  @Test
  void followsAtomicReplacementAsEditorsAndKubernetesVolumesDo() throws Exception {
    // Kubernetes mounts ConfigMaps as file -> ..data/file with ..data a symlink swapped atomically
    Path v1 = Files.createDirectory(dir.resolve("..v1"));
    Files.writeString(v1.resolve("domain-map.json"), map("one.example.com"));
    Files.createSymbolicLink(dir.resolve("..data"), v1.getFileName());
    Path file = dir.resolve("domain-map.json");
    Files.createSymbolicLink(file, Path.of("..data/domain-map.json"));
    source = new FileRouteSource(file, 60_000);
    source.start(reloader);
    assertThat(routes("one.example.com")).isTrue();

    Path v2 = Files.createDirectory(dir.resolve("..v2"));
    Files.writeString(v2.resolve("domain-map.json"), map("two.example.com"));
    Path tmp = dir.resolve("..data_tmp");
    Files.createSymbolicLink(tmp, v2.getFileName());
    Files.move(tmp, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);

    await().atMost(Duration.ofSeconds(60)).until(() -> routes("two.example.com"));
  }

  @Test
  void aBrokenOrMissingFileKeepsTheLastGoodRoutes() throws Exception {
    Path file = dir.resolve("domain-map.json");
    Files.writeString(file, map("one.example.com"));
    source = new FileRouteSource(file, 100);
    source.start(reloader);

    Files.writeString(file, "{ not json");
    Files.delete(file);
    Files.writeString(dir.resolve("unrelated"), "x");

    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(60))
        .until(() -> routes("one.example.com"));
  }

  @Test
  void aMissingFileAtStartLeavesTheInitialTableAndIsSynced() throws Exception {
    source = new FileRouteSource(dir.resolve("absent.json"), 60_000);
    source.start(reloader);

    assertThat(reloader.synced()).isTrue();
    assertThat(reloader.current()).isEmpty();
  }
}
