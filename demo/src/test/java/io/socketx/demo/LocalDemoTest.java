package io.socketx.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's "run it" command: the whole system starts and a route change applies live. */
class LocalDemoTest {

  @Test
  void theWholeSystemStartsServesAndAppliesARouteChangeLive() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    assertThat(root.resolve("proxy/target/socketx-proxy.jar"))
        .as("built by the proxy module earlier in the reactor")
        .exists();
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    LocalDemo demo = new LocalDemo(root);
    try {
      LocalDemo.DemoEndpoints endpoints = demo.run(false, port, 0);
      assertThat(endpoints.pageUrl().toString()).matches("http://localhost:[0-9]+/");
      assertThat(LocalDemo.roundTrip(port, endpoints.pin(), "hi")).isEqualTo("hi");

      try (KubernetesClient client =
          new KubernetesClientBuilder()
              .withConfig(Config.fromKubeconfig(Files.readString(endpoints.kubeconfig())))
              .build()) {
        ResourceFiles.apply(client, ResourceFiles.load(client, endpoints.v2Route()), r -> r);
      }

      await()
          .atMost(Duration.ofSeconds(120))
          .ignoreExceptions()
          .until(() -> LocalDemo.roundTrip(port, endpoints.pin(), "hi").equals("v2: hi"));
    } finally {
      demo.stop();
    }
  }
}
